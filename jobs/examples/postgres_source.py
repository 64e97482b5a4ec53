# PostgresSource: the table public.accounts of the database "local" (conf/thyme.yaml,
# scripts/postgres.sh), polled every 30 s by updated_at; rows are the latest state of their key.
from datetime import datetime
from typing import Optional

from thyme import dataset, field
from thyme.connectors import PostgresSource, source


@source(PostgresSource(database="local", table="public.accounts"),
        cursor="updated_at", every="30s", max_lateness="5m", cdc="upsert")
@dataset(index=True)
class Account:
    user_id: int = field(key=True)
    plan: Optional[str]
    updated_at: datetime = field(timestamp=True)
