"""Optional integrations with other tools (each needs its extra; the core never imports these).

- `cleaner.integrations.scrapy`: a Scrapy item pipeline (`pip install '.[scrapy]'` in a checkout).
- `cleaner.integrations.datatrove`: datatrove pipeline steps (`pip install '.[datatrove]'` in a checkout).
- `cleaner.integrations.dask`: run `clean` jobs on a Dask cluster (`pip install '.[dask]'` in a checkout).
"""
