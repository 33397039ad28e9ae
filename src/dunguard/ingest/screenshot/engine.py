"""The OCR engine: rapidocr's detector and recogniser on the models its wheel ships, offline.

rapidocr 3.x downloads a model whenever its configuration names none (``model_path: null``)
and the file is not in its package folder. Here every model path is set to the file inside
the installed ``rapidocr/models`` folder, checked to exist before anything is built, so no
code path that downloads is ever reached; the recogniser's character list is read from the
model's own metadata (no dictionary download either). The text-direction classifier is not
used: screenshots are upright. The engine is built once per process, on first use.

:func:`read_lines` turns one RGB image (a tile) into :class:`Line` s: an axis-aligned box in
the image's pixels, the text, the line's mean confidence and one confidence per character.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from dunguard.errors import DunguardError

# The files rapidocr 3.10.0's wheel carries (PP-OCRv6 small detector/recogniser, Chinese).
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
DET_WIDTH = 640  # images are scaled to this width for detection: 45-px text becomes 27 px
REC_PAD = 0.12  # of the line height, added around a detected box before recognition


@dataclass(frozen=True)
class Line:
    """One text line: box ``(x0, y0, x1, y1)`` in the image, text, confidences."""

    box: tuple[int, int, int, int]
    text: str
    score: float
    char_scores: tuple[float, ...]

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def threads() -> int:
    """Threads per model run: 1 unless ``DUNGUARD_OCR_THREADS`` says otherwise. On a small
    shared machine one thread gets the most done; a second mostly spins waiting."""
    try:
        n = int(os.environ.get("DUNGUARD_OCR_THREADS", "1"))
    except ValueError:
        n = 1
    return max(1, min(n, os.cpu_count() or 1))


class OcrUnavailable(DunguardError):
    """The OCR models are not installed where they should be."""

    code = "ocr_unavailable"


def model_dir() -> Path:
    try:
        return Path(str(resources.files("rapidocr") / "models"))
    except ModuleNotFoundError:
        raise OcrUnavailable(
            "识别截图需要 rapidocr（pip install rapidocr==3.10.0 onnxruntime），它还没有安装。"
        ) from None


class Engine:
    """rapidocr's detector and recogniser, configured to run from the packaged files only."""

    def __init__(self) -> None:
        folder = model_dir()
        det, rec = folder / DET_MODEL, folder / REC_MODEL
        for p in (det, rec):
            if not p.is_file():
                raise OcrUnavailable(
                    f"找不到文字识别模型 {p.name}（应随 rapidocr 3.10.0 一起安装在 {folder}）。"
                    "请重新安装：pip install --force-reinstall rapidocr==3.10.0。"
                )
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        from rapidocr.ch_ppocr_det import TextDetector
        from rapidocr.ch_ppocr_rec import TextRecInput, TextRecognizer
        from rapidocr.utils.parse_parameters import ParseParams

        cfg = ParseParams.load(folder.parent / "config.yaml")
        cfg.Global.model_root_dir = str(folder)
        cfg.EngineConfig.onnxruntime.intra_op_num_threads = threads()
        for section, path in ((cfg.Det, det), (cfg.Rec, rec)):
            section.model_path = str(path)  # never null: null means "download it"
            section.model_dir = None
            section.model_root_dir = str(folder)
            section.engine_cfg = cfg.EngineConfig[section.engine_type.value]
        cfg.Rec.font_path = None
        cfg.Det.limit_type = "max"  # we scale ourselves: the detector must not resize again
        cfg.Det.limit_side_len = 1_000_000
        self.detector = TextDetector(cfg.Det)
        self.recogniser = TextRecognizer(cfg.Rec)
        if not self.recogniser.session.have_key():  # the dictionary would be downloaded
            raise OcrUnavailable("文字识别模型缺少字符表，无法离线使用。")
        self._rec_input = TextRecInput

    def read_lines(self, rgb: np.ndarray) -> list[Line]:
        """Detect and read the text lines of one RGB image (H×W×3, uint8)."""
        return self.recognise(rgb, self.detect(rgb))

    def detect(self, rgb: np.ndarray) -> list[tuple[float, float, float, float]]:
        """Boxes ``(x0, y0, x1, y1)`` of the text lines, in ``rgb``'s pixels."""
        h, w = rgb.shape[:2]
        scale = DET_WIDTH / w
        sh = max(32, round(h * scale / 32) * 32)  # the network wants multiples of 32
        small = _resize(rgb, DET_WIDTH, sh)
        det = self.detector(np.ascontiguousarray(small[:, :, ::-1]))  # BGR, as OpenCV has it
        if det.boxes is None or len(det.boxes) == 0:
            return []
        sy = sh / h
        return [
            (
                float(q[:, 0].min() / scale),
                float(q[:, 1].min() / sy),
                float(q[:, 0].max() / scale),
                float(q[:, 1].max() / sy),
            )
            for q in det.boxes
        ]

    def recognise(
        self, rgb: np.ndarray, boxes: list[tuple[float, float, float, float]]
    ) -> list[Line]:
        """Read each box of ``rgb`` (cropped at full resolution, a little padded)."""
        h, w = rgb.shape[:2]
        kept: list[tuple[int, int, int, int]] = []
        crops: list[np.ndarray] = []
        for x0, y0, x1, y1 in boxes:
            pad = (y1 - y0) * REC_PAD
            bx = (
                max(0, int(x0 - pad)),
                max(0, int(y0 - pad)),
                min(w, int(x1 + pad + 1)),
                min(h, int(y1 + pad + 1)),
            )
            if bx[2] - bx[0] < 4 or bx[3] - bx[1] < 4:
                continue
            kept.append(bx)
            crops.append(np.ascontiguousarray(rgb[bx[1] : bx[3], bx[0] : bx[2], ::-1]))
        if not crops:
            return []
        out = self.recogniser(self._rec_input(img=crops, return_word_box=True))
        lines = []
        for bx, raw, score, words in zip(kept, out.txts, out.scores, out.word_results, strict=True):
            text = raw.strip()
            if text:
                confs = _char_scores(raw, getattr(words, "confs", None), float(score))
                lead = len(raw) - len(raw.lstrip())
                lines.append(Line(bx, text, float(score), confs[lead : lead + len(text)]))
        return lines


def _char_scores(raw: str, confs: Any, score: float) -> tuple[float, ...]:
    """One confidence per decoded character (CTC keeps one per emitted character)."""
    if confs is not None and len(confs) == len(raw):
        return tuple(float(c) for c in confs)
    return tuple(score for _ in raw)  # not given: the line's mean for every character


def _resize(rgb: np.ndarray, w: int, h: int) -> np.ndarray:
    import cv2

    interp = cv2.INTER_AREA if w < rgb.shape[1] else cv2.INTER_LINEAR
    return cv2.resize(rgb, (w, h), interpolation=interp)


_ENGINE: Engine | None = None
_LOCK = threading.Lock()


def engine() -> Engine:
    """The process's engine, built on first use (loading the models takes about a second)."""
    global _ENGINE
    if _ENGINE is None:
        with _LOCK:
            if _ENGINE is None:
                _ENGINE = Engine()
    return _ENGINE
