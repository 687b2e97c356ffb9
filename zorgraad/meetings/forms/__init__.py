"""Forms of the meetings screens. They validate input only; services do the writes."""
