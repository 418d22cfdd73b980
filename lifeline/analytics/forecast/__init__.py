"""The backlog forecast: a Monte Carlo of arrivals, decisions and caps, with what-if inputs."""
