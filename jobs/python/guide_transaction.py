# The user guide's example as it stands there (the guide does not import dataset, field or
# datetime: `python3 -m thyme export` provides them). Export: python3 -m thyme export <this file>
from thyme.connectors import IcebergSource, source
@source(
    IcebergSource(catalog="prod", database="events", table="transactions"),
    cursor="ts",
    every="1m",
    max_lateness="5m",
    cdc="append",
)
@dataset(index=True)
class Transaction:
    user_id: str = field(key=True)
    amount: float
    ts: datetime = field(timestamp=True)
