"""YAML with line marks: safe loading that remembers where every key came from.

PyYAML's safe loader silently keeps the last of two duplicate keys and says
nothing about lines once data is built. Here the document is composed into
nodes first, then walked once to build plain data and an index from field path
to line, rejecting duplicate keys, Python tags, alias bombs and deep nesting.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stretchplan.errors import Problem, UserError, display_name
from stretchplan.load.files import read_text

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000  # an alias bomb expands past this long before it hurts
MAX_DEPTH = 40

Loc = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """Plain data from one YAML file, plus the line of every key and list item."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    @functools.cached_property
    def name(self) -> str:
        return display_name(self.path)

    def line_of(self, loc: Loc) -> int | None:
        """Line of the deepest part of `loc` that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def problem(self, loc: Loc, message: str, value: Any = None) -> Problem:
        return Problem(
            message=message,
            file=self.name,
            line=self.line_of(loc),
            field=format_loc(loc) or None,
            value=None if value is None else str(value),
        )


def format_loc(loc: Loc) -> str:
    """('exercises', 3, 'dosage') -> 'exercises[3].dosage'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def load_yaml(path: Path, what: str = "YAML file") -> YamlDoc:
    """Parse one YAML file into a YamlDoc, or raise a UserError pointing at the line."""
    text = read_text(path, what, MAX_BYTES)
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> YamlDoc:
    if not hasattr(yaml, "CSafeLoader"):
        return parse_yaml_slowly(text, path)
    loader = _FastLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except (yaml.YAMLError, _TooDeepError):
            # Say it in the words (and with the hints, at the line) the messages were
            # written for.
            return parse_yaml_slowly(text, path)
        if node is None:
            raise UserError(Problem("the file is empty", file=display_name(path)))
        doc = YamlDoc(path=path, data=None)
        doc.data = _Walker(loader, doc).build(node, (), 0)
        return doc
    finally:
        loader.dispose()


def parse_yaml_slowly(text: str, path: Path) -> YamlDoc:
    """parse_yaml with the pure-Python loader, for the exact message of a syntax error."""
    name = display_name(path)
    loader = _Loader(text, name)
    try:
        node = loader.get_single_node()
        if node is None:
            raise UserError(Problem("the file is empty", file=name))
        doc = YamlDoc(path=path, data=None)
        doc.data = _Walker(loader, doc).build(node, (), 0)
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        hint = _syntax_hint(what)
        raise UserError(Problem(f"YAML syntax error: {what}{hint}", file=name, line=line)) from None
    except yaml.YAMLError as exc:
        raise UserError(Problem(f"YAML syntax error: {exc}", file=name)) from None
    finally:
        loader.dispose()


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return " (indent with spaces, not tabs)"
    if "mapping values are not allowed" in problem:
        return ' (a value containing ": " needs quotes)'
    if problem.endswith("but found ':'"):
        return " (a key is missing before this ':')"
    if "could not find expected ':'" in problem:
        return " (check the indentation and the colon after each key)"
    return ""


class _TooDeepError(Exception):
    """Nesting that may go past MAX_DEPTH: the slow loader decides, and says where."""


if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(yaml.composer.Composer, yaml.CSafeLoader):
        """libyaml's parser (several times PyYAML's speed on a library of thousands of
        lines) under PyYAML's composer, in one pass. libyaml's own composer recurses in
        C, where deep nesting would crash the process; this one counts the levels and
        stops before they could matter."""

        def __init__(self, text: str) -> None:
            yaml.CSafeLoader.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            self.depth = 0

        def compose_sequence_node(self, anchor: Any) -> yaml.SequenceNode:
            self._deeper()
            node = super().compose_sequence_node(anchor)
            self.depth -= 1
            return node

        def compose_mapping_node(self, anchor: Any) -> yaml.MappingNode:
            self._deeper()
            node = super().compose_mapping_node(anchor)
            self.depth -= 1
            return node

        def _deeper(self) -> None:
            # Counting collections only (the nodes that nest) keeps the check cheap; one
            # level early, as a collection's items are one deeper than the collection.
            self.depth += 1
            if self.depth >= MAX_DEPTH:
                raise _TooDeepError


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing deep nesting while composing.

    PyYAML composes nodes recursively, so a few thousand '[' would end in a
    RecursionError (a traceback) long before our own walk could say "too deep".
    """

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.file_name = name
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise UserError(
                    Problem(
                        f"nested more than {MAX_DEPTH} levels deep; "
                        "check the indentation and the brackets",
                        file=self.file_name,
                        line=mark.line + 1,
                    )
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _unreadable(node: yaml.Node) -> str:
    text = str(node.value)
    shown = text if len(text) <= 40 else text[:37] + "..."
    if node.tag.endswith((":int", ":float")):
        return f'"{shown}" is not a usable number (too many digits?)'
    return f'cannot read the value "{shown}"'


# Numbers as YAML 1.2's core schema writes them in decimal: 30, -2, 2.5, 1.5e3, .inf.
_CORE_NUMBER = re.compile(
    r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def _other_number_form(node: yaml.Node) -> bool:
    """A plain scalar PyYAML would read as a number though it is not written as one in
    decimal: leading zeros (octal in YAML 1.1), 0x hex, 0o octal, 1:30, 1_000."""
    return (
        isinstance(node, yaml.ScalarNode)
        and not node.style  # plain: None from PyYAML's own parser, "" from libyaml's
        and node.tag.endswith((":int", ":float"))
        and not _CORE_NUMBER.fullmatch(node.value)
    )


_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}


class _Walker:
    def __init__(self, loader: yaml.constructor.SafeConstructor, doc: YamlDoc) -> None:
        self.loader = loader
        self.doc = doc
        self.visited = 0

    def _fail(self, node: yaml.Node, loc: Loc, message: str) -> UserError:
        return UserError(
            Problem(
                message,
                file=self.doc.name,
                line=node.start_mark.line + 1,
                field=format_loc(loc) or None,
            )
        )

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise self._fail(
                node,
                loc,
                "the document expands to too many values (nested aliases?); "
                "write the values out instead of using '*' references",
            )
        if depth > MAX_DEPTH:
            raise self._fail(node, loc, f"nested more than {MAX_DEPTH} levels deep")
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS:
            raise self._fail(node, loc, f"unsupported YAML tag {node.tag}; use plain values")
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._fail(key_node, loc, "a key must be plain text")
                key = self._key(key_node, loc)
                if key in out:
                    first = self.doc.lines.get((*loc, key))
                    raise self._fail(
                        key_node,
                        (*loc, key),
                        f'duplicate key "{key}" (first given on line {first})',
                    )
                self.doc.lines[(*loc, key)] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, (*loc, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _key(self, node: yaml.ScalarNode, loc: Loc) -> str:
        """A key as written: `no:` is the key "no" (YAML 1.1 reads it as false), `1:` "1"."""
        if node.tag.endswith(":merge") or (node.value == "<<" and not node.style):
            raise self._fail(
                node,
                loc,
                "'<<' (a YAML merge key, copying another block in here) is not supported; "
                "write the fields out in full",
            )
        if node.tag.endswith(":null") and not node.style:
            raise self._fail(
                node,
                loc,
                "a key is missing: there is nothing (or only ~ or null) before the ':'; "
                "write the field's name, like 'name: Jane Doe'",
            )
        return str(node.value)

    def _scalar(self, node: yaml.Node, loc: Loc) -> Any:
        if node.tag.endswith(":timestamp"):
            # YAML 1.2 has no dates: 2026-03-14 stays text until a field that wants a date
            # reads it (so 2026-02-30 or 2026-03-14 18:00 fail only that field, in plain
            # words, and a date-like note is printed as written).
            return node.value
        if _other_number_form(node):
            # YAML 1.1 reads 010 as 8, 0x1F as 31 and 1:30 as 90; YAML 1.2 reads 1:30 as
            # text. Keep what was written, so a field can refuse it in plain words.
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self._fail(node, loc, str(exc.problem or exc)) from None
        except (ValueError, OverflowError):
            # PyYAML hands 5000 digits to int() unchecked.
            raise self._fail(node, loc, _unreadable(node)) from None
