"""Several processes on one machine behind nginx (``make run-cluster``); see README
"Running several processes (cluster)"."""
