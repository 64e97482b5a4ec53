# SnowflakeSource: the table INVOICES of the account "local" (conf/thyme.yaml; its default database
# and schema), polled every 5 minutes by the cursor ts; rows are the latest state of an invoice.
from datetime import datetime

from thyme import dataset, field
from thyme.connectors import SnowflakeSource, source


@source(SnowflakeSource(connection="local", table="INVOICES"),
        cursor="ts", every="5m", max_lateness="1h", cdc="upsert")
@dataset
class Invoice:
    user_id: str = field(key=True)
    amount: float
    ts: datetime = field(timestamp=True)
