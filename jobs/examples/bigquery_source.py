# BigQuerySource: the table events.signups of the project "local" (conf/thyme.yaml), polled every
# 5 minutes by the cursor ts, 10,000 rows a query.
from datetime import datetime

from thyme import dataset, field
from thyme.connectors import BigQuerySource, source


@source(BigQuerySource(connection="local", dataset="events", table="signups",
                       batch_size=10000),
        cursor="ts", every="5m", max_lateness="1h")
@dataset
class Signup:
    user_id: str = field(key=True)
    country: str
    ts: datetime = field(timestamp=True)
