"""``python -m tournament.warm`` compiles the compiled player and marks the build ready."""

from __future__ import annotations

from tournament.core import compiled
from tournament.warm import warm


def test_warm_compiles_the_player_and_leaves_its_mark(monkeypatch, tmp_path):
    monkeypatch.setattr(compiled, "_marker", lambda: tmp_path / "ready")
    assert not compiled.ready()
    warm()
    assert compiled.ready()
    (tmp_path / "ready").write_text("another build")
    assert not compiled.ready()
