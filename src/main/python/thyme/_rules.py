"""The validation rules the Java validator applies, with the same messages.

Both sides are checked against each other: the Java ITCase runs the jar's validator over every
spec this package exports.
"""

import re

_DURATION = re.compile(r"(\d{1,9})([smhd])")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SECRET_WORDS = ("password", "passwd", "secret", "token", "credential", "jaas", "private",
                 "apikey", "api.key", "api_key")

CDC_MODES = ("append", "upsert", "debezium")
BASE_TYPES = ("str", "int", "float", "bool", "datetime", "date")


class ThymeError(ValueError):
    """A dataset or source declaration that cannot run; the message says where and what to fix."""


def duration_problem(text):
    """None when text is "" or a duration like '5m'; else the Java validator's message."""
    if not isinstance(text, str):
        return "'%s' is not a duration; %s" % (text, duration_help())
    if text == "":
        return None
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        return "'%s' is not a duration; %s" % (text, duration_help())
    return None


def duration_seconds(text):
    amount, unit = _DURATION.fullmatch(text.strip()).groups()
    return int(amount) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]


def duration_help():
    return "write an integer and a unit (s, m, h, d), e.g. '5m'"


def is_identifier(name):
    return _IDENTIFIER.fullmatch(name) is not None


def is_secret_key(key):
    lower = key.lower()
    return any(word in lower for word in _SECRET_WORDS)
