"""The rates domain: pure bank adapters (banks/), conversion and ticker display, and the stateful
parts that sync, schedule and query them."""
