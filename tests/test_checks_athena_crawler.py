"""Lab 03's `athena.crawler`: a Glue crawler over the flow log's region folder, whose last crawl gave Athena
a readable, partitioned table. Each test builds its crawler with boto3 against the sandbox, as the notebook
does, and removes it afterwards; the rest of the lab's state comes from tests/test_checks_state.py."""

from __future__ import annotations

import pytest

from fixtures.checks_state import BUCKET, PREFIX, client
from labkit.checks import verify

LOCATION = f"s3://{BUCKET}/{PREFIX}"
CLASSIFIER = {"Name": "flow-logs-space", "Delimiter": " ", "ContainsHeader": "PRESENT"}
ROLE = "arn:aws:iam::123456789012:role/flowlogs-crawler-role"


def reasons(answer=None):
    return [key.removeprefix("checks.why.") for key, _ in verify("athena.crawler", answer).missing]


@pytest.fixture
def glue(lab):
    """The Glue client; every crawler, classifier and crawled table a test made is gone afterwards."""
    glue = client("glue")
    yield glue
    for crawler in glue.get_crawlers()["Crawlers"]:
        glue.delete_crawler(Name=crawler["Name"])
    for classifier in glue.get_classifiers()["Classifiers"]:
        glue.delete_classifier(Name=classifier["CsvClassifier"]["Name"])
    for table in glue.get_tables(DatabaseName="default")["TableList"]:
        if "UPDATED_BY_CRAWLER" in (table.get("Parameters") or {}):
            glue.delete_table(DatabaseName="default", Name=table["Name"])


def create_crawler(glue, name="flow-logs-crawler", path=LOCATION, classifier=True, prefix="crawled_"):
    if classifier and not glue.get_classifiers()["Classifiers"]:
        glue.create_classifier(CsvClassifier=CLASSIFIER)
    glue.create_crawler(
        Name=name,
        Role=ROLE,
        DatabaseName="default",
        TablePrefix=prefix,
        Classifiers=[CLASSIFIER["Name"]] if classifier else [],
        Targets={"S3Targets": [{"Path": path}]},
    )


def crawl(glue, name="flow-logs-crawler") -> str:
    """Start the crawler and look at it until it is READY again; the last crawl's status."""
    glue.start_crawler(Name=name)
    for _ in range(10):
        crawler = glue.get_crawler(Name=name)["Crawler"]
        if crawler["State"] == "READY":
            return crawler["LastCrawl"]["Status"]
    raise AssertionError(f"crawler {name} never came back to READY")


def test_a_crawl_with_the_space_classifier_passes(glue):
    create_crawler(glue)
    assert crawl(glue) == "SUCCEEDED"
    verdict = verify("athena.crawler")
    assert verdict.passed, verdict.missing
    assert verdict.evidence["crawler"] == "flow-logs-crawler"
    table = glue.get_table(DatabaseName="default", Name="crawled_us_east_1")["Table"]
    assert [k["Name"] for k in table["PartitionKeys"]] == ["partition_0", "partition_1", "partition_2"]


def test_the_target_may_be_written_without_its_last_slash(glue):
    create_crawler(glue, path=LOCATION.rstrip("/"))
    crawl(glue)
    assert reasons() == []


def test_no_crawler(glue):
    assert reasons() == ["no_crawler"]


def test_a_crawler_elsewhere_is_named(glue):
    create_crawler(glue, path=f"s3://{BUCKET}/")
    crawl(glue)
    verdict = verify("athena.crawler")
    assert [key for key, _ in verdict.missing] == ["checks.why.no_crawler"]
    assert ("checks.note.crawler_paths", {"found": f"s3://{BUCKET}/"}) in verdict.notes


def test_a_crawler_never_started(glue):
    create_crawler(glue)
    assert reasons() == ["crawler_never_ran"]


def test_a_crawler_still_running(glue):
    create_crawler(glue)
    glue.start_crawler(Name="flow-logs-crawler")
    assert reasons() == ["crawler_running"]


def test_without_a_classifier_the_table_is_unknown_to_athena(glue):
    """No built-in classifier reads space-separated text: the crawl succeeds, its table is UNKNOWN."""
    create_crawler(glue, classifier=False)
    assert crawl(glue) == "SUCCEEDED"
    assert reasons() == ["crawler_unknown_format"]


def test_a_crawled_table_that_was_deleted(glue):
    create_crawler(glue)
    crawl(glue)
    glue.delete_table(DatabaseName="default", Name="crawled_us_east_1")
    assert reasons() == ["crawler_no_table"]


def test_one_good_crawler_among_others_passes(glue):
    create_crawler(glue, name="unknown-format", classifier=False, prefix="raw_")
    crawl(glue, "unknown-format")
    create_crawler(glue)
    crawl(glue)
    assert reasons() == []
