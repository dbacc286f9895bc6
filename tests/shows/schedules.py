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

# A K-drama pattern: one episode each Monday and Tuesday at 8:50 PM in Seoul.
MONDAY_TUESDAY = ReleaseSchedule(
    premiere=date(2024, 1, 8),
    weekdays=(0, 1),
    release_time=time(20, 50),
    time_zone="Asia/Seoul",
    episode_count=16,
)

# A weekly US show, Thursdays at 9:00 PM Eastern, still running when DST ends on 2025-11-02.
US_THURSDAYS = ReleaseSchedule(
    premiere=date(2025, 10, 2),
    weekdays=(3,),
    release_time=time(21, 0),
    time_zone="America/New_York",
)
