"""Test-only fault injection, kept off the production path.

A process started with this directory on PYTHONPATH imports this module at start-up (Python's
`sitecustomize` hook); it wraps `cleaner.batch.process_document` so that a worker dies
(`crash:NAME`) or hangs (`hang:NAME`) on the document whose file name is NAME, as listed in the
environment variable CLEANER_TEST_FAULT (read at call time). Pool workers, the fork server and
Dask workers all start from a fresh interpreter, so they all get the wrapper.
"""
import os
import time

FAULT_ENV = "CLEANER_TEST_FAULT"


def _install():
    import cleaner.batch
    from cleaner.batch import work

    real = work.process_document

    def process_document(doc, options):
        spec = os.environ.get(FAULT_ENV, "")
        name = os.path.basename(doc.path) if doc.path else None
        for item in filter(None, spec.split(",")):
            action, _, target = item.partition(":")
            if name and target == name and action == "crash":
                os._exit(70)
            if name and target == name and action == "hang":
                while True:
                    time.sleep(1)
        return real(doc, options)

    process_document.__module__ = work.__name__
    process_document.__qualname__ = process_document.__name__ = "process_document"
    work.process_document = cleaner.batch.process_document = process_document


try:
    _install()
except ImportError:  # an interpreter without cleaner installed (a helper tool)
    pass
