"""The verify report, as text for people and as JSON for programs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from stagelint.verify.compare import FileChange, FilesDiff, human_size, signed_size
from stagelint.verify.engine import Layer

# The text report names at most this many paths per list; JSON has them all.
TEXT_PATHS = 40


@dataclass
class BuildStatus:
    ok: bool = False
    error: str | None = None
    seconds: float = 0.0
    image: str | None = None  # the tag, when --keep left it in storage


@dataclass
class Report:
    file: str
    engine: str
    fixes: list[tuple[str, str]] = field(default_factory=list)  # (code, title)
    original: BuildStatus = field(default_factory=BuildStatus)
    fixed: BuildStatus = field(default_factory=BuildStatus)
    files: FilesDiff | None = None  # None when either build failed
    config: dict[str, dict[str, Any]] = field(default_factory=dict)
    layers_before: tuple[Layer, ...] | None = None
    layers_after: tuple[Layer, ...] | None = None
    explanations: list[tuple[str, str]] = field(default_factory=list)  # (code, text)
    warnings: list[str] = field(default_factory=list)

    # -- JSON ---------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        def change(c: FileChange) -> dict[str, Any]:
            item: dict[str, Any] = {"path": c.path, "type": c.type, "size": c.size}
            if c.size_before is not None:
                item["size_before"] = c.size_before
            if c.type_before is not None and c.type_before != c.type:
                item["type_before"] = c.type_before
            return item

        def layers(found: tuple[Layer, ...] | None) -> list[dict[str, Any]] | None:
            if found is None:
                return None
            return [{"size": layer.size, "created_by": layer.created_by} for layer in found]

        def total(found: tuple[Layer, ...] | None) -> int | None:
            return None if found is None else sum(layer.size for layer in found)

        files = self.files or FilesDiff()
        return {
            "file": self.file,
            "engine": self.engine,
            "files": {
                "added": [change(c) for c in files.added],
                "removed": [change(c) for c in files.removed],
                "changed": [change(c) for c in files.changed],
            },
            "config": self.config,
            "size": {
                "before": total(self.layers_before),
                "after": total(self.layers_after),
                "layers_before": layers(self.layers_before),
                "layers_after": layers(self.layers_after),
            },
            "fixes": [{"code": code, "title": title} for code, title in self.fixes],
            "explanations": [{"code": code, "text": text} for code, text in self.explanations],
            "builds": {
                name: {
                    "ok": status.ok,
                    "error": status.error,
                    "seconds": round(status.seconds, 2),
                    "image": status.image,
                }
                for name, status in (("original", self.original), ("fixed", self.fixed))
            },
            "warnings": self.warnings,
        }

    def render_json(self) -> str:
        return json.dumps(self.to_json(), indent=2, sort_keys=False) + "\n"

    # -- text ---------------------------------------------------------------------------

    def render_text(self) -> str:
        out: list[str] = [f"{self.file}: verified with {self.engine}", ""]
        out.append("fixes applied:")
        width = max((len(code) for code, _ in self.fixes), default=5)
        out += [f"  {code:<{width}}  {title}" for code, title in self.fixes]
        out += ["", "builds:"]
        for name, status in (("original", self.original), ("fixed", self.fixed)):
            state = "ok" if status.ok else "FAILED"
            kept = f"  kept as {status.image}" if status.image else ""
            out.append(f"  {name:<8}  {state:<6}  {status.seconds:5.1f} s{kept}")
        for name, status in (("original", self.original), ("fixed", self.fixed)):
            if status.error:
                out += ["", f"{name} build failed; the engine said:"]
                out += [f"  | {line}" for line in status.error.splitlines()]
        if self.files is not None:
            out += ["", *self._files_text()]
        if self.layers_before is not None and self.layers_after is not None:
            out += ["", *self._size_text()]
        if self.files is not None:
            out += ["", *self._config_text()]
        if self.explanations:
            out += ["", "evidence per fix:"]
            width = max(len(code) for code, _ in self.explanations)
            previous = None
            for code, text in self.explanations:
                label = code if code != previous else ""
                out.append(f"  {label:<{width}}  {text}")
                previous = code
        if self.warnings:
            out += ["", *[f"warning: {w}" for w in self.warnings]]
        return "\n".join(out) + "\n"

    def _files_text(self) -> list[str]:
        assert self.files is not None
        files = self.files
        out = [
            f"files: {len(files.added)} added, {len(files.removed)} removed, "
            f"{len(files.changed)} changed"
        ]
        rows: list[tuple[str, str, str]] = []
        rows += [("+", c.path, self._size_cell(c)) for c in files.added]
        rows += [("-", c.path, self._size_cell(c)) for c in files.removed]
        rows += [("~", c.path, self._size_cell(c)) for c in files.changed]
        shown = rows[:TEXT_PATHS]
        width = max((len(path) for _, path, _ in shown), default=0)
        out += [f"  {mark} {path:<{width}}  {size}".rstrip() for mark, path, size in shown]
        if len(rows) > TEXT_PATHS:
            out.append(f"  ... and {len(rows) - TEXT_PATHS} more (--output-format json lists all)")
        return out

    @staticmethod
    def _size_cell(change: FileChange) -> str:
        if change.type == "dir":
            return "dir"
        if change.type != "file":
            return change.type
        if change.size_before is not None and change.size_before != change.size:
            return f"{human_size(change.size_before)} -> {human_size(change.size)}"
        return human_size(change.size)

    def _size_text(self) -> list[str]:
        before = self.layers_before or ()
        after = self.layers_after or ()
        total_before = sum(layer.size for layer in before)
        total_after = sum(layer.size for layer in after)
        out = [
            f"size: {human_size(total_before)} -> {human_size(total_after)} "
            f"({signed_size(total_after - total_before)}); "
            f"layers: {len(before)} -> {len(after)}"
        ]
        for name, layers in (("original", before), ("fixed", after)):
            sizes = ", ".join(human_size(layer.size) for layer in layers) or "none"
            out.append(f"  {name:<8}  {sizes}")
        return out

    def _config_text(self) -> list[str]:
        if not self.config:
            return ["config: unchanged"]
        out = ["config: differs"]
        width = max(len(key) for key in self.config)
        for key, values in self.config.items():
            before = json.dumps(values["before"], sort_keys=True)
            after = json.dumps(values["after"], sort_keys=True)
            out.append(f"  {key:<{width}}  {before}")
            out.append(f"  {'':<{width}}  -> {after}")
        return out
