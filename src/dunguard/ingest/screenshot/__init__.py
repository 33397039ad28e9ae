"""Screenshots of SMS and WeChat threads, read into messages by OCR (rapidocr, offline).

The modules, in the order a picture goes through them:

* :mod:`.picture` — open the file safely (size checked before decoding), find the day it
  was taken;
* :mod:`.tiles` — cut long screenshots into overlapping tiles, find text lines
  (:mod:`.engine`: rapidocr's detector and recogniser on the models in its wheel);
* :mod:`.layout` — page colour, header and input bar, bubbles and their side, the app;
* :mod:`.times` — time separators ("昨天 下午2:47") as dates;
* :mod:`.thread` — bubbles with times, overlapping shots joined;
* :mod:`.reader` — the readers the vault calls, and folder expansion.
"""

from dunguard.ingest.screenshot.reader import (
    ScreenshotReader,
    ScreenshotZipReader,
    expand_folder,
    screenshot_inputs,
)

__all__ = ["ScreenshotReader", "ScreenshotZipReader", "expand_folder", "screenshot_inputs"]
