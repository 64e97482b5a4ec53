# The Python behind jobs/kafka/transactions.yaml. Export: python3 -m thyme export <this file>
from datetime import datetime

from thyme import dataset, field
from thyme.connectors import KafkaSource, source


@source(
    KafkaSource(cluster="local", topic="transactions", starting_position="earliest"),
    max_lateness="5m",
    cdc="append",
)
@dataset(index=True)
class Transaction:
    user_id: str = field(key=True)
    amount: float
    ts: datetime = field(timestamp=True)
