"""The Prefect wiring alone: flows and tasks over the plain functions of the other wings,
deployments for `claimtrack serve`, the run's artifacts."""
