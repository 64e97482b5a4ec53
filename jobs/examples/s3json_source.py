# S3JsonSource: JSON Lines objects under pageviews/ in the bucket "logs" of the object store
# "local-files" (conf/thyme.yaml: the directory .thyme/objects, buckets are its subdirectories).
from datetime import datetime

from thyme import dataset, field
from thyme.connectors import S3JsonSource, source


@source(S3JsonSource(connection="local-files", bucket="logs", prefix="pageviews/",
                     path_pattern="**/*.jsonl"),
        cursor="ts", every="1m", max_lateness="10m")
@dataset
class PageView:
    user_id: str = field(key=True)
    url: str
    ts: datetime = field(timestamp=True)
