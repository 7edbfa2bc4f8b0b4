"""Optional integrations with other tools (each needs its extra; the core never imports these).

- `cleaner.integrations.scrapy`: a Scrapy item pipeline (`pip install 'cleaner[scrapy]'`).
- `cleaner.integrations.datatrove`: datatrove pipeline steps (`pip install 'cleaner[datatrove]'`).
- `cleaner.integrations.dask`: run `clean` jobs on a Dask cluster (`pip install 'cleaner[dask]'`).
"""
