"""`steppe run` and `steppe worker`: the scheduler of sources and banks, and what runs beside it."""
