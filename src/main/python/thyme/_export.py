"""Turns declared datasets into job specs (JSON, which is valid YAML)."""

import json
import os
import re
import runpy


def job_spec(cls):
    """The job spec of a class declared with @source and @dataset, as a dict."""
    dataset = cls.__thyme_dataset__
    fields = {}
    for f in dataset["fields"]:
        entry = {"type": f["type"]}
        if f["key"]:
            entry["key"] = True
        if f["timestamp"]:
            entry["timestamp"] = True
        fields[f["name"]] = entry
    return {"dataset": {"name": dataset["name"], "index": dataset["index"], "fields": fields},
            "source": dict(cls.__thyme_source__)}


def prelude():
    """Names a guide snippet uses without importing them; a module may import them as usual."""
    import datetime
    import typing
    from . import connectors
    from ._dataset import dataset, field
    names = {"dataset": dataset, "field": field, "datetime": datetime.datetime,
             "date": datetime.date, "Optional": typing.Optional}
    names.update({name: getattr(connectors, name) for name in connectors.__all__})
    return names


def declared(module_path):
    """The classes with a source that running the module declares, in order."""
    names = runpy.run_path(module_path, init_globals=prelude())
    return [v for v in names.values()
            if isinstance(v, type) and hasattr(v, "__thyme_source__")]


def file_name(dataset_name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", dataset_name).lower() + ".yaml"


def exported(module_path):
    """(file name, text) of the spec of each dataset with a source that the module declares."""
    specs = []
    for cls in declared(module_path):
        text = ("# Exported from %s by thyme export. Do not edit: edit the Python and export "
                "again.\n" % os.path.basename(module_path)
                + json.dumps(job_spec(cls), indent=2) + "\n")
        specs.append((file_name(cls.__name__), text))
    return specs


def export(module_path, out_dir):
    """Writes one spec per dataset with a source; returns the paths written."""
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for name, text in exported(module_path):
        path = os.path.join(out_dir, name)
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
        written.append(path)
    return written
