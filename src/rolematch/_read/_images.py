"""Images for OCR: which formats are read, decoding within limits, and the clean-up OCR needs.

A scan reaches the OCR engine grey, upright, straight (deskewed) and at about 300 dpi: Tesseract
reads best when capitals are 20-40 pixels tall, so a 150 dpi fax is upscaled and a 600 dpi scan
or a 48-megapixel photo is brought down. Pixel counts are checked from the header, before a byte
is decoded (decompression bombs), and a truncated or damaged image fails typed.

Pillow and numpy are imported inside the functions: a text-only install never loads Pillow.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from .._limits import Limits
from ..errors import CorruptDocumentError, DocumentTooLargeError, UnsupportedFormatError

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["IMAGE_NAMES", "PageImage", "decode_image", "image_format", "prepare_for_ocr", "skew_angle"]

# The image formats read through OCR, by Pillow's format name, with what to call them in messages.
IMAGE_NAMES = {"PNG": "PNG image", "JPEG": "JPEG image", "TIFF": "TIFF image", "WEBP": "WebP image"}
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)

TARGET_DPI = 300.0
# Below this resolution an image is upscaled to TARGET_DPI, above _MAX_DPI brought down to it.
_MIN_DPI = 250.0
_MAX_DPI = 450.0
_MAX_UPSCALE = 4.0
# Declared resolutions outside this range are screen defaults (72, 96) or nonsense; the width of a
# letter page stands in for them.
_PLAUSIBLE_DPI = (100.0, 1200.0)
_PAGE_WIDTH_INCHES = 8.5
# Skew search: a page put on a scanner by hand is a few degrees off at most.
_MAX_SKEW = 5.0
_MIN_SKEW = 0.2  # below this, turning the page costs more than it brings
_SKEW_SAMPLE = 200_000  # dark pixels sampled for the projection profile
# Noise (grey levels, see noise_level) above which a page is smoothed, and above which it is
# smoothed harder. Clean and blurred pages measure 0, the noisy renderings of the examples 7-10.
_NOISE = 3.0
_HEAVY_NOISE = 7.0
_PAPER_FLOOR = 200  # grey level under which nothing is taken for paper (grey text stays)


@dataclass(frozen=True)
class PageImage:
    """One page of a scan: a grey image and the resolution it was made at, if it says so credibly."""

    image: Image
    dpi: float | None


def image_format(data: bytes) -> str | None:
    """Pillow's name of the image format read through OCR that ``data`` starts with, if any."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def decode_image(data: bytes, fmt: str, limits: Limits) -> list[Callable[[], PageImage]]:
    """One function per page (frame) of an image file that decodes it to a grey page, within ``limits``.

    The header of every frame is checked at once: ``DocumentTooLargeError`` for too many pixels
    or frames, before anything is decoded, and ``UnsupportedFormatError`` when no image can be
    found in bytes that start like one. A frame is decoded only when its function is called (one
    page in memory at a time), which raises ``CorruptDocumentError`` if it is damaged or truncated.
    """
    from PIL import Image

    what = IMAGE_NAMES[fmt]

    def opened() -> Image.Image:
        return Image.open(io.BytesIO(data), formats=[fmt])

    image = _guarded(what, opened)
    frames = int(getattr(image, "n_frames", 1) or 1)
    if frames > limits.max_pages:
        raise DocumentTooLargeError(
            f"the {what} has {frames} pages; the limit is {limits.max_pages} (Limits.max_pages)"
        )
    for index in range(frames):
        if index:
            _guarded(what, partial(image.seek, index))
        width, height = image.size
        if width * height > limits.max_image_pixels:
            raise DocumentTooLargeError(
                f"the {what} is {width} x {height} pixels; the limit is {limits.max_image_pixels:,} pixels "
                "(Limits.max_image_pixels)"
            )
        if width < 1 or height < 1:
            raise CorruptDocumentError(f"the {what} has no pixels")
    return [partial(_guarded, what, partial(_page, image, index)) for index in range(frames)]


_T = TypeVar("_T")


def _guarded(what: str, work: Callable[[], _T]) -> _T:
    """``work()``, with Pillow's errors for a bad image turned into typed read errors."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns past its MAX_IMAGE_PIXELS and raises past twice that; both are refusals here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return work()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise DocumentTooLargeError(f"the {what} is too large to decode safely: {error}") from None
    except UnidentifiedImageError:
        raise UnsupportedFormatError(
            f"the bytes start like a {what} but no image can be decoded from them; OCR reads PNG, JPEG, TIFF and WebP"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, ZeroDivisionError) as error:
        # Pillow's decoders report damaged data with all of these ("image file is truncated", ...).
        raise CorruptDocumentError(f"the {what} is damaged or truncated: {error}") from None


def _page(image: Image, index: int) -> PageImage:
    """Frame ``index`` decoded grey, with the resolution it declares (scaled if decoded smaller)."""
    image.seek(index)
    width = image.width
    dpi = _declared_dpi(image)
    grey = _grey(image)
    if dpi is not None and grey.width != width:
        # Decoded at a fraction of its size (a JPEG draft): the resolution shrank with it.
        dpi *= grey.width / width
    return PageImage(grey, dpi)


def _declared_dpi(image: Image) -> float | None:
    value = image.info.get("dpi")
    try:
        dpi = float(value[0]) if isinstance(value, tuple) else float(value) if value else 0.0
    except (TypeError, ValueError):
        return None
    low, high = _PLAUSIBLE_DPI
    return dpi if low <= dpi <= high else None


def _grey(image: Image) -> Image:
    """The frame decoded, upright (EXIF orientation) and grey; transparency is laid on white paper."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    if image.format == "JPEG":
        # Decode a huge photo at a fraction of its size straight from the DCT data: far less memory.
        width, height = image.size
        factor = _scale_for(width, _declared_dpi(image))
        if factor < 0.5:
            image.draft("L", (math.ceil(width * factor), math.ceil(height * factor)))
    image.load()
    upright = ImageOps.exif_transpose(image) or image
    if upright.mode == "I" or upright.mode.startswith("I;16"):
        # 16-bit grey: Pillow's conversion to 8 bits would clip, not scale (a white page).
        upright = upright.convert("I").point(lambda level: level * (1 / 256))
    if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
        rgba = upright.convert("RGBA")
        paper = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        upright = PILImage.alpha_composite(paper, rgba)
    return upright.convert("L")


def _effective_dpi(width: int, dpi: float | None) -> float:
    return dpi if dpi is not None else width / _PAGE_WIDTH_INCHES


def _scale_for(width: int, dpi: float | None) -> float:
    """How much to scale an image so that its text is at about TARGET_DPI."""
    effective = _effective_dpi(width, dpi)
    if effective < _MIN_DPI:
        return min(TARGET_DPI / effective, _MAX_UPSCALE)
    if effective > _MAX_DPI:
        return TARGET_DPI / effective
    return 1.0


def prepare_for_ocr(page: PageImage, limits: Limits) -> tuple[Image, float, float]:
    """The page as OCR wants it, its resolution in pixels per inch, and the skew it was turned by (degrees).

    Small images are upscaled and large ones brought down to about 300 dpi (never past
    ``limits.max_image_pixels``), speckled paper is smoothed and made white, and a page more than
    a fifth of a degree off is turned straight.
    """
    from PIL import Image as PILImage
    from PIL import ImageFilter

    image = page.image
    factor = _scale_for(image.width, page.dpi)
    # A draft-decoded JPEG is already smaller than its header said; measure what is here.
    dpi = _effective_dpi(image.width, page.dpi)
    if image.width * image.height * factor * factor > limits.max_image_pixels:
        factor = math.sqrt(limits.max_image_pixels / (image.width * image.height))
    if abs(factor - 1.0) > 0.05:
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        image = image.resize(size, PILImage.Resampling.LANCZOS if factor > 1 else PILImage.Resampling.BOX)
        dpi *= factor
    noise = noise_level(image)
    if noise > _NOISE:
        # A slight blur takes grey noise and dust specks out and keeps 300 dpi strokes (3+ pixels
        # wide): on the noisy renderings of the examples, mean word confidence 88 -> 95; on a
        # 150 dpi page under heavy noise, 92 with the stronger blur. (A median filter does no
        # better, 6x slower.)
        image = image.filter(ImageFilter.GaussianBlur(1.5 if noise > _HEAVY_NOISE else 1.0))
    image = _whitened(image)
    angle = skew_angle(image)
    if abs(angle) >= _MIN_SKEW:
        image = image.rotate(-angle, resample=PILImage.Resampling.BICUBIC, expand=True, fillcolor=255)
    return image, dpi, angle


def _whitened(image: Image) -> Image:
    """``image`` with its paper made white: every pixel lighter than the paper's level less three
    spreads (never below _PAPER_FLOOR) becomes 255.

    On a page with little text, speckled paper is most of what Tesseract's threshold sees: it
    splits the speckle itself into ink and paper, and then spends seconds on thousands of specks
    (5 s and no word for one line of text under noise; 0.2 s and the line once whitened).
    """
    import numpy as np

    pixels = np.asarray(image)
    sample = pixels[::2, ::2] if pixels.size > 4_000_000 else pixels
    paper = sample[sample > 160]
    if not paper.size:
        return image
    cut = max(_PAPER_FLOOR, float(np.median(paper)) - 3 * float(paper.std()))
    return image.point([255 if level > cut else level for level in range(256)])


def noise_level(image: Image) -> float:
    """The grey noise on the paper, as a standard deviation in grey levels.

    Estimated from the differences between side-by-side paper pixels: their median is 0 on clean
    paper, however blurred the text (a blur's edges are smooth), and 0.95 sigma under noise of
    sigma (two draws' difference spreads by the square root of 2).
    """
    import numpy as np

    pixels = np.asarray(image).astype(np.int16)
    if pixels.size > 4_000_000:
        pixels = pixels[::2]  # every other row: the same estimate, half the work
    left, right = pixels[:, :-1], pixels[:, 1:]
    paper = (left > 160) & (right > 160)
    if not paper.any():
        return 0.0
    return float(np.median(np.abs(left - right)[paper])) / 0.954


def skew_angle(image: Image) -> float:
    """The angle (degrees, counter-clockwise) by which the text lines of ``image`` are turned.

    Projection profiles: dark pixels are projected onto the vertical along each candidate angle,
    and the angle whose profile has the sharpest peaks (text lines falling into few rows) wins,
    first in quarter degrees within +-5, then in hundredths around the best.
    """
    import numpy as np

    step = max(1, image.width // 1000)
    small = image.reduce(step) if step > 1 else image
    pixels = np.asarray(small)
    dark = pixels < min(128, int(pixels.mean()) - 40)
    ys, xs = np.nonzero(dark)
    if len(ys) < 500:
        return 0.0
    if len(ys) > _SKEW_SAMPLE:
        pick = np.random.default_rng(0).choice(len(ys), _SKEW_SAMPLE, replace=False)
        ys, xs = ys[pick], xs[pick]
    y = ys.astype(np.float64)
    x = xs.astype(np.float64) - xs.mean()

    def sharpness(angle: float) -> float:
        rows = np.round(y + x * math.tan(math.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    coarse = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.25), key=sharpness)
    fine = max(np.arange(coarse - 0.25, coarse + 0.26, 0.05), key=sharpness)
    return round(float(fine), 2) + 0.0  # never -0.0
