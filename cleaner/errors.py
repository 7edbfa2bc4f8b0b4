"""The package's one exception family. Every failure of `clean()` is a CleanerError."""


class CleanerError(Exception):
    """Base error: the message says what is wrong with the input."""

    kind = "error"


class InputError(CleanerError):
    """The input is not something the cleaner can read (wrong type, empty, binary, too large)."""

    kind = "input"


class TooLargeError(InputError):
    """The input is past a size or work limit (bytes, HTML elements, text to clean)."""

    kind = "too-large"


class DecodeError(CleanerError):
    """Bytes could not be decoded to text."""

    kind = "decode"


class InternalError(CleanerError):
    """A bug inside the pipeline (the message names the original exception)."""

    kind = "internal"


class TimeoutError(CleanerError):  # noqa: A001 - deliberate: cleaner.errors.TimeoutError
    """Cleaning one document took longer than its time limit."""

    kind = "timeout"
