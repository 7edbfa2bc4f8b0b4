"""cleaner: raw scraped pages (HTML or plain-text dumps) in, clean article body and metadata out."""
from .api import clean
from .errors import CleanerError, DecodeError, InputError, TooLargeError
from .result import CleanResult

__version__ = "0.1.0"
__all__ = ["clean", "CleanResult", "CleanerError", "InputError", "DecodeError", "TooLargeError", "__version__"]
