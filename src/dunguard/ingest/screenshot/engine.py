"""The OCR engine: rapidocr's detector and recogniser models, run by onnxruntime, offline.

The models are the files rapidocr's wheel ships (``rapidocr/models``), checked to exist and
opened by path with onnxruntime directly, so no code path of rapidocr that downloads (a model
or a character list) is ever reached; the recogniser's character list is read from the
model's own metadata. Of rapidocr's code only the detector's post-processing (text regions
from the probability map, in reading order) is used. The text-direction classifier is not used: screenshots
are upright. The engine is built once per process, on first use.

Run settings, measured on the 2-core machine (recogniser on the lines of six 1080×2400
screenshots, load average 3–5 from other work):

* one intra-op thread (:func:`threads`): two spinning threads used twice the CPU (1.06 s
  against 0.51 s per screenshot); two that sleep while they wait, 20% more, and with other
  work on the machine the whole reading was no faster by the clock (0.93 s against 0.86 s);
* each text line is recognised alone, at its own width (padded to a multiple of 8 px).
  rapidocr's recogniser pads a batch of six lines to the widest of them and to at least
  320 px, so short lines ("14:47", "收到") cost as much as long ones: 0.77 s against 0.51 s;
* no memory arena (it made no difference to the speed), full graph optimisation.

:func:`read_lines` turns one RGB image (a tile) into :class:`Line` s: an axis-aligned box in
the image's pixels, the text, the line's mean confidence and one confidence per character.
"""

from __future__ import annotations

import logging
import math
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
REC_HEIGHT = 48  # the recogniser's input height
REC_STEP = 8  # line images are padded to a multiple of this width (a few shapes, not many)
# rapidocr's detector settings (its config.yaml), kept as they are
DET_POST = {
    "thresh": 0.3,
    "box_thresh": 0.5,
    "max_candidates": 1000,
    "unclip_ratio": 1.6,
    "use_dilation": True,
    "score_mode": "fast",
}


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
    shared machine one thread gets the most done; a second mostly waits for the first."""
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


def session(path: Path, n_threads: int) -> Any:
    """An onnxruntime session on one model file, CPU only, with the settings above."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 4
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.intra_op_num_threads = n_threads
    so.inter_op_num_threads = 1
    so.enable_cpu_mem_arena = False
    if n_threads > 1:  # waiting threads sleep rather than spin on a core others need
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


class Engine:
    """The detector and recogniser, run from the packaged model files only."""

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
        from rapidocr.ch_ppocr_det.utils import DBPostProcess

        n = threads()
        self.det_session = session(det, n)
        self.rec_session = session(rec, n)
        meta = self.rec_session.get_modelmeta().custom_metadata_map
        if "character" not in meta:  # rapidocr would download a dictionary
            raise OcrUnavailable("文字识别模型缺少字符表，无法离线使用。")
        # CTC classes: 0 is the blank, then the model's characters, then a space
        self.alphabet = ["", *meta["character"].splitlines(), " "]
        self.det_post = DBPostProcess(**DET_POST)
        self._det_order = TextDetector.sorted_boxes  # rows top to bottom, left to right
        self._det_input = self.det_session.get_inputs()[0].name
        self._rec_input = self.rec_session.get_inputs()[0].name

    def read_lines(self, rgb: np.ndarray) -> list[Line]:
        """Detect and read the text lines of one RGB image (H×W×3, uint8)."""
        return self.recognise(rgb, self.detect(rgb))

    def detect(self, rgb: np.ndarray) -> list[tuple[float, float, float, float]]:
        """Boxes ``(x0, y0, x1, y1)`` of the text lines, in ``rgb``'s pixels."""
        h, w = rgb.shape[:2]
        scale = DET_WIDTH / w
        sh = max(32, round(h * scale / 32) * 32)  # the network wants multiples of 32
        small = _resize(rgb[:, :, ::-1], DET_WIDTH, sh)  # BGR, as the model was trained
        x = small.astype(np.float32)
        x *= 2 / 255
        x -= 1  # (x / 255 - 0.5) / 0.5
        x = np.ascontiguousarray(x.transpose(2, 0, 1)[np.newaxis])
        pred = self.det_session.run(None, {self._det_input: x})[0]
        quads, _ = self.det_post(pred, (sh, DET_WIDTH))
        if quads is None or len(quads) == 0:
            return []
        quads = self._det_order(quads)
        sy = sh / h
        return [
            (
                float(q[:, 0].min() / scale),
                float(q[:, 1].min() / sy),
                float(q[:, 0].max() / scale),
                float(q[:, 1].max() / sy),
            )
            for q in quads
        ]

    def recognise(
        self, rgb: np.ndarray, boxes: list[tuple[float, float, float, float]]
    ) -> list[Line]:
        """Read each box of ``rgb`` (cropped at full resolution, a little padded)."""
        h, w = rgb.shape[:2]
        lines = []
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
            raw, confs = self._read(rgb[bx[1] : bx[3], bx[0] : bx[2], ::-1])
            text = raw.strip()
            if text:
                lead = len(raw) - len(raw.lstrip())
                kept = confs[lead : lead + len(text)]
                lines.append(Line(bx, text, float(np.mean(confs)), kept))
        return lines

    def _read(self, bgr: np.ndarray) -> tuple[str, tuple[float, ...]]:
        """One line image (BGR) through the recogniser: its text, one confidence per
        character (CTC: repeats merged, blanks dropped; each character keeps its step's)."""
        ch, cw = bgr.shape[:2]
        rw = max(1, math.ceil(REC_HEIGHT * cw / ch))
        width = -(-rw // REC_STEP) * REC_STEP
        x = np.zeros((1, 3, REC_HEIGHT, width), dtype=np.float32)
        import cv2

        # (resized as rapidocr does: bilinear, whichever the direction)
        small = cv2.resize(np.ascontiguousarray(bgr), (rw, REC_HEIGHT)).astype(np.float32)
        small *= 2 / 255
        small -= 1
        x[0, :, :, :rw] = small.transpose(2, 0, 1)
        pred = self.rec_session.run(None, {self._rec_input: x})[0][0]
        idx = pred.argmax(axis=1)
        keep = idx != 0
        keep[1:] &= idx[1:] != idx[:-1]
        probs = pred[np.arange(len(idx)), idx][keep]
        text = "".join(self.alphabet[i] for i in idx[keep])
        if not text:
            return "", ()
        return text, tuple(round(float(p), 5) for p in probs)


def _resize(img: np.ndarray, w: int, h: int) -> np.ndarray:
    import cv2

    interp = cv2.INTER_AREA if w < img.shape[1] else cv2.INTER_LINEAR
    return cv2.resize(img, (w, h), interpolation=interp)


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
