"""What every botocore session of a test process can share: one loader (imported by conftest.py, run by
the AWS-mode test kernels' IPython startup) and the client classes (conftest.py). A new botocore session
gets a new loader, which parses the service models' JSON again, about a third of a CPU second for the labs'
seven services. Each test starts a new boto3 session, and moto makes one for each region lookup. The models
never change while a process runs; credentials, region and endpoint are still read afresh by each session."""

import botocore.client
import botocore.loaders
import botocore.session


def share_one_loader() -> None:
    loaders = {}

    def create_loader(search_path_string=None):
        if search_path_string not in loaders:
            loaders[search_path_string] = botocore.loaders.create_loader(search_path_string)
        return loaders[search_path_string]

    botocore.session.create_loader = create_loader


def share_client_classes() -> None:
    """One client class per service model and set of class-building handlers, for every session of a test
    process (conftest.py): botocore builds a new class for each client, an OperationModel and two lazy
    docstrings per operation (25-45 ms; about 10 % of the CPU of the unit tests, which make a thousand
    clients). The class depends only on the model and on the handlers of `creating-client-class` events,
    which every boto3 session registers alike (those are in the key); credentials, region, endpoint and
    events of each client are its own, as before. (The classes' lazy docstrings keep the first session's
    event emitter: documentation only.)"""
    original = botocore.client.ClientCreator._create_client_class
    classes = {}

    def describe(handler) -> tuple:
        """The same for the same plain function with the same captured values, whichever session registered
        it (boto3's `lazy_call` closures); anything else (a bound method, a cell that is empty or holds an
        object known only by its address) stands for itself: the key keeps it alive, so its id is never reused."""
        try:
            cells = tuple(repr(cell.cell_contents) for cell in getattr(handler, "__closure__", None) or ())
        except ValueError:  # an empty cell
            return ("itself", handler)
        if hasattr(handler, "__self__") or not hasattr(handler, "__code__") or any(" at 0x" in c for c in cells):
            return ("itself", handler)
        return handler.__code__, cells

    def create_client_class(self, service_name, service_model):
        emitter = getattr(self._event_emitter, "_emitter", self._event_emitter)
        event = f"creating-client-class.{service_model.service_id.hyphenize()}"
        handlers = tuple(describe(handler) for handler in emitter._handlers.prefix_search(event))
        key = (service_name, id(service_model._service_description), handlers)
        if key not in classes:
            # the model is kept with its class, so that its id is never another model's
            classes[key] = (service_model._service_description, original(self, service_name, service_model))
        return classes[key][1]

    botocore.client.ClientCreator._create_client_class = create_client_class
