"""The Glue operations moto does not serve (CreateClassifier, GetClassifier, GetClassifiers,
UpdateClassifier, DeleteClassifier, UpdateCrawler, GetCrawlerMetrics), added to moto's GlueResponse:
thin, the state is in models.py.
moto dispatches a JSON target (`AWSGlue.CreateClassifier`) to the method of the same snake_case name."""

from __future__ import annotations

from moto.core.responses import ActionResult, EmptyResult
from moto.glue.responses import GlueResponse

from . import models


def create_classifier(self: GlueResponse) -> ActionResult:
    models.create_classifier(self.glue_backend, self.parameters)
    return EmptyResult()


def get_classifier(self: GlueResponse) -> ActionResult:
    return ActionResult({"Classifier": models.get_classifier(self.glue_backend, self.parameters.get("Name"))})


def get_classifiers(self: GlueResponse) -> ActionResult:
    # AWS pages by MaxResults (at most 1000); a course's account holds a handful of classifiers.
    return ActionResult({"Classifiers": list(models.classifiers_of(self.glue_backend).values())})


def update_classifier(self: GlueResponse) -> ActionResult:
    models.update_classifier(self.glue_backend, self.parameters)
    return EmptyResult()


def delete_classifier(self: GlueResponse) -> ActionResult:
    models.delete_classifier(self.glue_backend, self.parameters.get("Name"))
    return EmptyResult()


def update_crawler(self: GlueResponse) -> ActionResult:
    models.update_crawler(self.glue_backend, self.parameters)
    return EmptyResult()


def get_crawler_metrics(self: GlueResponse) -> ActionResult:
    return ActionResult(
        {"CrawlerMetricsList": models.crawler_metrics(self.glue_backend, self.parameters.get("CrawlerNameList"))}
    )


def apply() -> None:
    for handler in (
        create_classifier,
        get_classifier,
        get_classifiers,
        update_classifier,
        delete_classifier,
        update_crawler,
        get_crawler_metrics,
    ):
        setattr(GlueResponse, handler.__name__, handler)
