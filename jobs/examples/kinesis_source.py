# KinesisSource: JSON records of the stream "orders" of the account "local" (conf/thyme.yaml:
# kinesalite on 127.0.0.1, scripts/kinesalite.sh), every shard from its oldest record.
from datetime import datetime

from thyme import dataset, field
from thyme.connectors import KinesisSource, source


@source(KinesisSource(connection="local", stream="orders", initial_position="trim_horizon"),
        max_lateness="5m")
@dataset
class Order:
    user_id: str = field(key=True)
    amount: float
    ts: datetime = field(timestamp=True)
