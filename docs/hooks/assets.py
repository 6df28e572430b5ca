"""The screenshots stay in the repository's `assets/` (the README shows them from there);
this hook adds its images to the docs site as `assets/...`, so pages link `../assets/x.png`
and `mkdocs build --strict` checks those links like any other."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def on_files(files: Files, config) -> Files:  # noqa: ANN001 - mkdocs hook
    for image in sorted(ASSETS.glob("*.png")):
        files.append(File.generated(config, f"assets/{image.name}", abs_src_path=str(image)))
    return files
