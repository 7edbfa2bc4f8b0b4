"""cleaner: raw scraped pages (HTML or plain-text dumps) in, clean article body and metadata out."""
from .api import clean
from .errors import CleanerError, DecodeError, InputError, TimeoutError, TooLargeError  # noqa: F401,A004
from .result import CleanResult

__version__ = "0.1.0"
# cleaner.TimeoutError is exported but kept out of __all__: `from cleaner import *` must not hide
# the builtin TimeoutError.
__all__ = ["clean", "CleanResult", "CleanerError", "InputError", "DecodeError", "TooLargeError", "__version__"]
