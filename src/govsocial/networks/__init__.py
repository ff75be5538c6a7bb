"""Network facts as data and the exact counters: limits, units, media caps, X's counting.

:mod:`~govsocial.networks.spec` reads each network's facts (with their sources) from
``data/networks.yaml``; :mod:`~govsocial.networks.counting` counts a text as a network
counts it; :mod:`~govsocial.networks.twitter` is X's reference counting, ported.
"""
