"""One botocore loader for every session of a test process (imported by conftest.py, run by the AWS-mode
test kernels' IPython startup): a new botocore session gets a new loader, which parses the service models'
JSON again, about a third of a CPU second for the labs' seven services. Each test starts a new boto3
session, and moto makes one for each region lookup. The models never change while a process runs;
credentials, region and endpoint are still read afresh by each session."""

import botocore.loaders
import botocore.session


def share_one_loader() -> None:
    loaders = {}

    def create_loader(search_path_string=None):
        if search_path_string not in loaders:
            loaders[search_path_string] = botocore.loaders.create_loader(search_path_string)
        return loaders[search_path_string]

    botocore.session.create_loader = create_loader
