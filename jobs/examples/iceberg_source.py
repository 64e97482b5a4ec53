# IcebergSource: new snapshots of the table events.payments in the catalog "prod" (conf/thyme.yaml:
# a Hadoop catalog on .thyme/warehouse), polled every minute by the cursor ts.
from datetime import datetime

from thyme import dataset, field
from thyme.connectors import IcebergSource, source


@source(IcebergSource(catalog="prod", database="events", table="payments"),
        cursor="ts", every="1m", max_lateness="5m")
@dataset
class Payment:
    user_id: str = field(key=True)
    amount: float
    ts: datetime = field(timestamp=True)
