# KafkaSource: JSON objects from the topic "clicks" of the Kafka cluster "local" (conf/thyme.yaml),
# read as they arrive (streaming: no cursor, no every). Export: thyme export <this file>
from datetime import datetime

from thyme import dataset, field
from thyme.connectors import KafkaSource, source


@source(KafkaSource(cluster="local", topic="clicks"), max_lateness="1m")
@dataset
class Click:
    user_id: str = field(key=True)
    page: str
    ts: datetime = field(timestamp=True)
