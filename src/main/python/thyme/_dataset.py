"""@dataset and field(): a class's annotations become the dataset's fields."""

import datetime as _dt
import typing

from ._rules import ThymeError, is_identifier

_TYPE_NAMES = {str: "str", int: "int", float: "float", bool: "bool",
               _dt.datetime: "datetime", _dt.date: "date"}


class Field:
    """What field(key=..., timestamp=...) returns: the marks of one dataset field."""

    def __init__(self, key=False, timestamp=False):
        if not isinstance(key, bool):
            raise ThymeError("field(key=%r): key must be True or False" % (key,))
        if not isinstance(timestamp, bool):
            raise ThymeError("field(timestamp=%r): timestamp must be True or False" % (timestamp,))
        self.key = key
        self.timestamp = timestamp

    def __repr__(self):
        return "field(key=%r, timestamp=%r)" % (self.key, self.timestamp)


def field(*, key=False, timestamp=False):
    """Marks a dataset field as (part of) the key, or as the event time."""
    return Field(key=key, timestamp=timestamp)


def _type_name(cls_name, name, annotation):
    optional = False
    origin = typing.get_origin(annotation)
    if origin is typing.Union or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(annotation)) == 2:
            annotation, optional = args[0], True
    base = _TYPE_NAMES.get(annotation)
    if base is None:
        raise ThymeError(
            "%s.%s: %r is not a field type; use one of str, int, float, bool, datetime, date, "
            "or Optional[T] of one of them" % (cls_name, name, annotation))
    return "Optional[%s]" % base if optional else base


def _fields(cls):
    try:
        hints = typing.get_type_hints(cls)
    except NameError as e:
        raise ThymeError("%s: an annotation names an unknown type (%s); import it" % (cls.__name__, e))
    own = cls.__dict__.get("__annotations__", {})
    fields = []
    for name in own:
        if not is_identifier(name):
            raise ThymeError("%s.%s: '%s' is not a field name; use letters, digits and _"
                             % (cls.__name__, name, name))
        marks = cls.__dict__.get(name)
        if marks is not None and not isinstance(marks, Field):
            raise ThymeError("%s.%s: a dataset field takes field(...) or nothing, not %r"
                             % (cls.__name__, name, marks))
        marks = marks or Field()
        fields.append({"name": name, "type": _type_name(cls.__name__, name, hints[name]),
                       "key": marks.key, "timestamp": marks.timestamp})
    return fields


def _check(cls_name, fields):
    if not fields:
        raise ThymeError("%s: declares no field; a dataset needs at least one" % cls_name)
    timestamps = [f for f in fields if f["timestamp"]]
    if not timestamps:
        raise ThymeError("%s: no field is the event time; mark exactly one datetime field with "
                         "field(timestamp=True)" % cls_name)
    if len(timestamps) > 1:
        raise ThymeError("%s: %d fields are marked timestamp: true (%s); mark exactly one"
                         % (cls_name, len(timestamps), ", ".join(f["name"] for f in timestamps)))
    if timestamps[0]["type"] != "datetime":
        raise ThymeError("%s.%s: the timestamp field must be of type datetime, not %s"
                         % (cls_name, timestamps[0]["name"], timestamps[0]["type"]))
    for f in fields:
        if f["key"] and f["type"].startswith("Optional["):
            raise ThymeError("%s.%s: a key field cannot be %s: every event needs its key; use %s"
                             % (cls_name, f["name"], f["type"], f["type"][9:-1]))


def dataset(cls=None, *, index=False):
    """Declares a dataset: @dataset or @dataset(index=True) above a class with annotated fields."""
    if not isinstance(index, bool):
        raise ThymeError("@dataset(index=%r): index must be True or False" % (index,))

    def wrap(klass):
        if not isinstance(klass, type):
            raise ThymeError("@dataset goes on a class, not on %r" % (klass,))
        if not is_identifier(klass.__name__):
            raise ThymeError("'%s' is not a class name" % klass.__name__)
        fields = _fields(klass)
        _check(klass.__name__, fields)
        klass.__thyme_dataset__ = {"name": klass.__name__, "index": index, "fields": fields}
        return klass

    return wrap(cls) if cls is not None else wrap
