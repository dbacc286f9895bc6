"""The demo's facts: platforms, shows, people and credits.

Titles, dates, schedules, channels and character names are the real ones as published by the
broadcasters and the trade press. Where a fact was not certain (a character name, a supporting
actor), it is left out rather than guessed.
"""

from datetime import date, time

from .data import CreditData, PersonData, PlatformData, ShowData

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)

# Placeholder palettes: rose and violet for a music romance, Jeju sea and sand, overgrown grey.
SOUNDTRACK_PALETTE = ((236, 94, 128), (120, 70, 170), (250, 190, 150), (40, 30, 70))
SAMDAL_RI_PALETTE = ((20, 90, 140), (60, 170, 190), (240, 220, 180), (250, 140, 90), (15, 40, 70))
LAST_OF_US_PALETTE = ((60, 80, 50), (120, 130, 80), (170, 150, 110), (40, 45, 40), (200, 120, 60))
PEOPLE_PALETTE = ((70, 80, 110), (150, 160, 190), (210, 200, 190), (40, 40, 60))

PLATFORMS = (
    PlatformData("disney-plus", "Disney+", "https://www.disneyplus.com/"),
    PlatformData("netflix", "Netflix", "https://www.netflix.com/"),
    PlatformData("jtbc", "JTBC", "https://jtbc.co.kr/"),
    PlatformData("tvn", "tvN", "https://tvn.cjenm.com/"),
    PlatformData("kbs2", "KBS2", "https://www.kbs.co.kr/"),
    PlatformData("sbs", "SBS", "https://www.sbs.co.kr/"),
    PlatformData("apple-tv-plus", "Apple TV+", "https://tv.apple.com/"),
    PlatformData("hbo", "HBO", "https://www.hbo.com/"),
    PlatformData("hbo-max", "HBO Max", "https://www.hbomax.com/"),
)

SHOWS = (
    # Recapped shows.
    ShowData(
        slug="soundtrack-2",
        title="Soundtrack #2",
        native_title="사운드트랙#2",
        other_titles="Soundtrack 2, Soundtrack No. 2",
        country="South Korea",
        synopsis=(
            "Four years after a six-year relationship ended at an airport, pianist Do Hyeon-seo "
            "is hired to give piano lessons to an overworked company boss and finds her ex, "
            "Ji Su-ho, waiting at the keyboard. A music project with a young songwriter called K "
            "puts the three of them under one roof."
        ),
        platforms=("disney-plus",),
        premiere_date=date(2023, 12, 6),
        planned_episode_count=6,
        release_weekdays=(WEDNESDAY,),
        release_time=time(13, 30),
        time_zone="Asia/Kolkata",
        episodes_per_release=2,
        follows="soundtrack-1",
        with_episodes=True,
        palette=SOUNDTRACK_PALETTE,
        still_credit="Disney+",
    ),
    ShowData(
        slug="welcome-to-samdal-ri",
        title="Welcome to Samdal-ri",
        native_title="웰컴투 삼달리",
        other_titles="Welcome to Samdalri",
        country="South Korea",
        synopsis=(
            "Star fashion photographer Jo Sam-dal loses everything to a scandal in Seoul and "
            "retreats to the Jeju village she spent her youth trying to leave, where her "
            "childhood friend and ex, weather forecaster Jo Yong-pil, never stopped waiting."
        ),
        platforms=("jtbc", "netflix"),
        premiere_date=date(2023, 12, 2),
        planned_episode_count=16,
        release_weekdays=(SATURDAY, SUNDAY),
        release_time=time(22, 30),
        time_zone="Asia/Seoul",
        episodes_per_release=1,
        with_episodes=True,
        palette=SAMDAL_RI_PALETTE,
        still_credit="JTBC",
    ),
    ShowData(
        slug="the-last-of-us",
        title="The Last of Us",
        country="United States",
        synopsis=(
            "Twenty years after a fungal pandemic collapsed civilisation, smuggler Joel Miller is "
            "hired to get fourteen-year-old Ellie Williams out of the Boston quarantine zone and "
            "across a ruined America. HBO's adaptation of Naughty Dog's video game, created by "
            "Craig Mazin and Neil Druckmann."
        ),
        platforms=("hbo", "hbo-max"),
        premiere_date=date(2023, 1, 15),
        planned_episode_count=9,
        release_weekdays=(SUNDAY,),
        release_time=time(21, 0),
        time_zone="America/New_York",
        episodes_per_release=1,
        with_episodes=True,
        episode_titles={
            1: "When You're Lost in the Darkness",
            2: "Infected",
            3: "Long, Long Time",
            4: "Please Hold to My Hand",
            5: "Endure and Survive",
            6: "Kin",
            7: "Left Behind",
            8: "When We Are in Need",
            9: "Look for the Light",
        },
        # Moved up to Friday on HBO Max because of the Super Bowl on Sunday, February 12.
        air_date_overrides={5: date(2023, 2, 10)},
        palette=LAST_OF_US_PALETTE,
        still_credit="HBO",
    ),
    # The season Soundtrack #2 follows: four weekly episodes, the last on April 13, 2022.
    ShowData(
        slug="soundtrack-1",
        title="Soundtrack #1",
        native_title="사운드트랙#1",
        other_titles="Soundtrack 1",
        country="South Korea",
        synopsis=(
            "Best friends of twenty years, photographer Han Sun-woo and lyricist Lee Eun-soo "
            "share a house for two weeks while she writes a song about unrequited love, the "
            "one subject he knows everything about."
        ),
        platforms=("disney-plus",),
        premiere_date=date(2022, 3, 23),
        planned_episode_count=4,
        release_weekdays=(WEDNESDAY,),
        release_time=time(13, 30),
        time_zone="Asia/Kolkata",
        episodes_per_release=1,
        with_episodes=True,
    ),
    # Earlier work of the leads, for the "last seen in" sentences.
    ShowData(
        slug="the-interest-of-love",
        title="The Interest of Love",
        native_title="사랑의 이해",
        country="South Korea",
        platforms=("jtbc", "netflix"),
        premiere_date=date(2022, 12, 21),
    ),
    ShowData(
        slug="youth-of-may",
        title="Youth of May",
        native_title="오월의 청춘",
        country="South Korea",
        platforms=("kbs2",),
        premiere_date=date(2021, 5, 3),
    ),
    ShowData(
        slug="joseon-exorcist",
        title="Joseon Exorcist",
        native_title="조선구마사",
        country="South Korea",
        platforms=("sbs",),
        premiere_date=date(2021, 3, 22),
    ),
    ShowData(
        slug="behind-every-star",
        title="Behind Every Star",
        native_title="연예인 매니저로 살아남기",
        country="South Korea",
        platforms=("tvn",),
        premiere_date=date(2022, 11, 7),
    ),
    ShowData(
        slug="curtain-call",
        title="Curtain Call",
        native_title="커튼콜",
        country="South Korea",
        platforms=("kbs2",),
        premiere_date=date(2022, 10, 31),
    ),
    ShowData(
        slug="pachinko",
        title="Pachinko",
        country="United States",
        platforms=("apple-tv-plus",),
        premiere_date=date(2022, 3, 25),
    ),
    ShowData(
        slug="the-worst-of-evil",
        title="The Worst of Evil",
        native_title="최악의 악",
        country="South Korea",
        platforms=("disney-plus",),
        premiere_date=date(2023, 9, 27),
    ),
    ShowData(
        slug="if-you-wish-upon-me",
        title="If You Wish Upon Me",
        native_title="당신의 소원을 말하면",
        country="South Korea",
        platforms=("kbs2",),
        premiere_date=date(2022, 8, 24),
    ),
    ShowData(
        slug="see-you-in-my-19th-life",
        title="See You in My 19th Life",
        native_title="이번 생도 잘 부탁해",
        country="South Korea",
        platforms=("tvn",),
        premiere_date=date(2023, 6, 17),
    ),
    ShowData(
        slug="mr-queen",
        title="Mr. Queen",
        native_title="철인왕후",
        country="South Korea",
        platforms=("tvn",),
        premiere_date=date(2020, 12, 12),
    ),
    ShowData(
        slug="angels-last-mission-love",
        title="Angel's Last Mission: Love",
        native_title="단, 하나의 사랑",
        country="South Korea",
        platforms=("kbs2",),
        premiere_date=date(2019, 5, 22),
    ),
    ShowData(
        slug="game-of-thrones",
        title="Game of Thrones",
        country="United States",
        platforms=("hbo",),
        premiere_date=date(2011, 4, 17),
    ),
    ShowData(
        slug="narcos",
        title="Narcos",
        country="United States",
        platforms=("netflix",),
        premiere_date=date(2015, 8, 28),
    ),
    ShowData(
        slug="the-mandalorian",
        title="The Mandalorian",
        country="United States",
        platforms=("disney-plus",),
        premiere_date=date(2019, 11, 12),
    ),
    ShowData(
        slug="hilda",
        title="Hilda",
        platforms=("netflix",),
        premiere_date=date(2018, 9, 21),
    ),
)

PEOPLE = (
    PersonData(
        slug="geum-sae-rok",
        name="Geum Sae-rok",
        native_name="금새록",
        bio=(
            "South Korean actor. She played the student activist Lee Soo-ryeon in Youth of May "
            "and the bank employee Park Mi-kyung in The Interest of Love before taking her first "
            "lead role, as the pianist Do Hyeon-seo in Soundtrack #2."
        ),
        photo=True,
    ),
    PersonData(
        slug="steve-noh",
        name="Steve Noh",
        native_name="노상현",
        bio=(
            "Korean-American actor, credited in Korea as Noh Sang-hyun. Best known to "
            "international audiences as the pastor Baek Isak in Apple TV+'s Pachinko; "
            "Soundtrack #2 is his first lead role in a Korean series."
        ),
        photo=True,
    ),
    PersonData(
        slug="demian",
        name="Demian",
        native_name="데미안",
        description="K-pop artist",
        bio=(
            "Singer-songwriter Sohn Jeong-hyuck, who records as Demian. He made his acting debut "
            "as the musician K in Soundtrack #2 and wrote the series' theme song."
        ),
    ),
    PersonData(slug="jeon-hye-jin", name="Jeon Hye-jin", native_name="전혜진"),
    PersonData(slug="park-hyung-sik", name="Park Hyung-sik", native_name="박형식"),
    PersonData(slug="han-so-hee", name="Han So-hee", native_name="한소희"),
    PersonData(
        slug="ji-chang-wook",
        name="Ji Chang-wook",
        native_name="지창욱",
        bio=(
            "South Korean actor and singer. Before Welcome to Samdal-ri he led the Disney+ crime "
            "series The Worst of Evil and KBS2's hospice drama If You Wish Upon Me."
        ),
        photo=True,
    ),
    PersonData(
        slug="shin-hye-sun",
        name="Shin Hye-sun",
        native_name="신혜선",
        bio=(
            "South Korean actor whose comic timing carried the body-swap hit Mr. Queen. She "
            "followed it with the reincarnation romance See You in My 19th Life."
        ),
        photo=True,
    ),
    PersonData(slug="kang-young-seok", name="Kang Young-seok", native_name="강영석"),
    PersonData(slug="kim-mi-kyung", name="Kim Mi-kyung", native_name="김미경"),
    PersonData(slug="seo-hyun-chul", name="Seo Hyun-chul", native_name="서현철"),
    PersonData(
        slug="pedro-pascal",
        name="Pedro Pascal",
        bio=(
            "Chilean-American actor. Oberyn Martell in Game of Thrones, DEA agent Javier Peña in "
            "Narcos and the title role of The Mandalorian came before Joel Miller."
        ),
        photo=True,
    ),
    PersonData(
        slug="bella-ramsey",
        name="Bella Ramsey",
        bio=(
            "English actor who broke out as the fearless young Lyanna Mormont in Game of "
            "Thrones and voiced the title role of the animated series Hilda."
        ),
        photo=True,
    ),
    PersonData(slug="gabriel-luna", name="Gabriel Luna"),
    PersonData(slug="anna-torv", name="Anna Torv"),
    PersonData(slug="merle-dandridge", name="Merle Dandridge"),
    PersonData(slug="nico-parker", name="Nico Parker"),
    PersonData(slug="nick-offerman", name="Nick Offerman"),
    PersonData(slug="murray-bartlett", name="Murray Bartlett"),
)

LEAD, SUPPORTING, SPECIAL = "lead", "supporting", "special"

CREDITS = (
    # Soundtrack #2
    CreditData("geum-sae-rok", "soundtrack-2", "Do Hyeon-seo", LEAD, 1),
    CreditData("steve-noh", "soundtrack-2", "Ji Su-ho", LEAD, 2),
    CreditData("demian", "soundtrack-2", "K", SUPPORTING, 3),
    CreditData("jeon-hye-jin", "soundtrack-2", "Kim Jin-gyeong", SUPPORTING, 4),
    # Soundtrack #1
    CreditData("park-hyung-sik", "soundtrack-1", "Han Sun-woo", LEAD, 1),
    CreditData("han-so-hee", "soundtrack-1", "Lee Eun-soo", LEAD, 2),
    # Welcome to Samdal-ri
    CreditData("ji-chang-wook", "welcome-to-samdal-ri", "Jo Yong-pil", LEAD, 1),
    CreditData("shin-hye-sun", "welcome-to-samdal-ri", "Jo Sam-dal", LEAD, 2),
    CreditData("kang-young-seok", "welcome-to-samdal-ri", "Boo Sang-do", SUPPORTING, 3),
    CreditData("kim-mi-kyung", "welcome-to-samdal-ri", "Go Mi-ja", SUPPORTING, 4),
    CreditData("seo-hyun-chul", "welcome-to-samdal-ri", "Jo Pan-sik", SUPPORTING, 5),
    # The Last of Us
    CreditData("pedro-pascal", "the-last-of-us", "Joel Miller", LEAD, 1),
    CreditData("bella-ramsey", "the-last-of-us", "Ellie Williams", LEAD, 2),
    CreditData("gabriel-luna", "the-last-of-us", "Tommy Miller", SUPPORTING, 3),
    CreditData("anna-torv", "the-last-of-us", "Tess Servopoulos", SUPPORTING, 4),
    CreditData("merle-dandridge", "the-last-of-us", "Marlene", SUPPORTING, 5),
    CreditData("nico-parker", "the-last-of-us", "Sarah Miller", SUPPORTING, 6),
    CreditData("nick-offerman", "the-last-of-us", "Bill", SPECIAL, 7),
    CreditData("murray-bartlett", "the-last-of-us", "Frank", SPECIAL, 8),
    # Earlier work
    CreditData("geum-sae-rok", "the-interest-of-love", "Park Mi-kyung", LEAD, 3),
    CreditData("geum-sae-rok", "youth-of-may", "Lee Soo-ryeon", SUPPORTING, 3),
    CreditData("geum-sae-rok", "joseon-exorcist", "Hye-yoom", SUPPORTING, 8),
    CreditData("steve-noh", "behind-every-star", "", SUPPORTING, 5),
    CreditData("steve-noh", "curtain-call", "", SUPPORTING, 4),
    CreditData("steve-noh", "pachinko", "Baek Isak", SUPPORTING, 5),
    CreditData("ji-chang-wook", "the-worst-of-evil", "Park Jun-mo", LEAD, 1),
    CreditData("ji-chang-wook", "if-you-wish-upon-me", "Yoon Gyeo-re", LEAD, 1),
    CreditData("shin-hye-sun", "see-you-in-my-19th-life", "Ban Ji-eum", LEAD, 1),
    CreditData("shin-hye-sun", "mr-queen", "Kim So-yong", LEAD, 1),
    CreditData("shin-hye-sun", "angels-last-mission-love", "Lee Yeon-seo", LEAD, 1),
    CreditData("pedro-pascal", "game-of-thrones", "Oberyn Martell", SUPPORTING, 20),
    CreditData("pedro-pascal", "narcos", "Javier Peña", LEAD, 2),
    CreditData("pedro-pascal", "the-mandalorian", "Din Djarin", LEAD, 1),
    CreditData("bella-ramsey", "game-of-thrones", "Lyanna Mormont", SUPPORTING, 30),
    CreditData("bella-ramsey", "hilda", "Hilda", LEAD, 1),
)
