"""Thyme dataset declarations: @dataset, field() and, in thyme.connectors, @source.

    from thyme import dataset, field
    from thyme.connectors import IcebergSource, source

`python3 -m thyme export <module.py> --out jobs/` writes the job spec of each dataset with a
source, in the format the Flink job reads.
"""

from ._dataset import Field, dataset, field
from ._rules import ThymeError
from ._export import job_spec

__all__ = ["dataset", "field", "Field", "ThymeError", "job_spec"]
