"""Schedules shared by the pure schedule and facts tests."""

from datetime import date, time

from shows.schedule import ReleaseSchedule

# Soundtrack #2 as the seed articles give it: two episodes every Wednesday at 1:30 PM IST.
SOUNDTRACK_2 = ReleaseSchedule(
    premiere=date(2023, 12, 6),
    weekdays=(2,),
    episodes_per_release=2,
    release_time=time(13, 30),
    time_zone="Asia/Kolkata",
    episode_count=6,
)
