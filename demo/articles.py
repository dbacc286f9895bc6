"""The demo's recaps, written for Episodic by its (fictional) staff writer Mina Park.

Plain text: paragraphs are separated by blank lines and become <p> elements when loaded; inline
<em> and <strong> pass through, and a paragraph that starts with "[spoiler]" is marked as a
spoiler. Publish times are UTC, a few hours after each episode's release.
"""

from datetime import UTC, datetime

from .data import RecapData, StillData


def at(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


RECAP, BONUS, REVIEW = "recap", "bonus_track", "review"

SOUNDTRACK_TAGS = ("k-drama", "romance", "music", "disney-plus", "soundtrack-2")
SAMDAL_RI_TAGS = ("k-drama", "romance", "comedy", "jtbc", "netflix", "welcome-to-samdal-ri")
LAST_OF_US_TAGS = ("drama", "post-apocalyptic", "video-game-adaptation", "hbo", "the-last-of-us")

RECAPS = (
    # Soundtrack #2: two episodes every Wednesday at 1:30 PM IST (08:00 UTC).
    RecapData(
        show="soundtrack-2",
        episode=1,
        subtitle="Two Exes, One Piano and a Very Bad Idea",
        slug="soundtrack-2-episode-1-recap-review",
        published_at=at(2023, 12, 6, 14, 20),
        intro="""
Disney+'s music-romance anthology is back with new leads and a new song to finish. Where the
first season was about best friends who could not admit what they were, Soundtrack #2 is about
two people who admitted everything, spent six years together and then broke up badly. Geum
Sae-rok plays Do Hyeon-seo, a prize-winning pianist getting by on children's lessons and
delivery runs, and Steve Noh plays Ji Su-ho, the ex who went from penniless dreamer to the boss
of a company that manages online creators.
""",
        body="""
The premiere opens at the end of its own story: Hyeon-seo stalks out of a grand hillside house,
gets as far as the driveway and turns on her heel for round two. Who is inside, and why she is
so angry, is what the next forty minutes explain.

Hyeon-seo's days are stitched together from small jobs. Her little academy is lined with
trophies from a career that never arrived, her young pupils would rather bash out the latest
girl-group hit than practise scales, and after dark she pedals food orders across the city. One
delivery lands her in front of an old classmate from music school, and the polite small talk
that follows says more about the distance between her plans and her life than any flashback
could.

Su-ho has money and none of the peace it was supposed to buy. He runs his company, Playing, like
a man who still expects to be poor tomorrow: meetings stacked on meetings, nights at the office
and an endless search for the one new voice that will push the company to the top of the charts.
His body finally objects. A collapse leaves him with a ringing in his ears, his doctor orders a
month of rest and suggests he take up an instrument, and his friend Chang-sik books a piano
tutor without paying much attention to the name.

Scrolling for talent late one night, Su-ho finds a songwriter who posts under the single letter
K, and something in the songs makes him send a message.

The reunion is every bit as bad as the cold open promised. Hyeon-seo arrives expecting a
burnt-out executive and finds the man she left four years earlier. The flashbacks fill in that
day: Su-ho had planned a trip to give her a break from the pressure of school, and on the
morning they were due to fly she told him she could not build a life on his dreams and his empty
bank account. He boarded alone.

Now they are both too proud to be kind. He accuses her of taking the job to get at him, she
tells him what she thinks of his enormous house, and he shows her the door. That is the walk we
saw at the start. Hyeon-seo goes back in to finish the fight, Su-ho comes out to meet her, and
by the end of the shouting they have somehow agreed that the lessons will go ahead.
""",
        bonus_track="""
After the credits, a sleepless Su-ho opens the origami livestream he stumbled on earlier and
asks the woman folding paper on screen, anonymously, whether she really enjoys it. Her answer,
that anything done with your whole attention becomes a memory worth keeping, seems to land
harder than she meant it to. A second late-night viewer joins the chat, and the two strangers
keep each other company while a paper squid takes shape. The show does not tell us who the other
viewer is. It hardly needs to.
""",
        review="""
Soundtrack #2 starts quieter than its predecessor, and for now that is a strength. There is no
high concept here, just two adults who hurt each other and never finished the conversation, and
the premiere is smart enough to let its cold open carry the tension so the rest of the hour can
breathe.

Geum Sae-rok gives Hyeon-seo a prickly, funny pride that keeps her from becoming a victim of
circumstance, and Steve Noh, in his first lead role, is best in the moments when Su-ho's polish
slips. The piano is used sparingly, which makes the few scenes at the keys count. Six episodes
is not much room, and a premise this familiar needs the writing to find something specific to
say about money and resentment. This opening suggests it might.
""",
        verdict="A gentle, well-played opening that bets on chemistry over concept, and wins.",
        rating=7,
        meta_description=(
            "Soundtrack #2 Episode 1 recap and review: pianist Hyeon-seo turns up for a new "
            "pupil's first lesson and finds her ex Su-ho at the piano."
        ),
        tags=SOUNDTRACK_TAGS,
        also_read=("welcome-to-samdal-ri-episode-2-recap-review",),
        stills=(
            StillData(
                RECAP,
                0,
                "Hyeon-seo stands on the driveway of a hillside house, arms folded, glaring back "
                "at the front door.",
                is_hero=True,
            ),
            StillData(RECAP, 1, "Su-ho sits alone at a grand piano in a wide, empty living room."),
            StillData(
                BONUS, 0, "A phone screen glows in the dark with an origami livestream and a chat."
            ),
        ),
    ),
    RecapData(
        show="soundtrack-2",
        episode=2,
        subtitle="K Walks In With a Guitar",
        slug="soundtrack-2-episode-2-recap-review",
        published_at=at(2023, 12, 6, 17, 45),
        intro="""
Last time, Hyeon-seo took a piano job sight unseen and found that her new pupil was Su-ho, the
ex-boyfriend she left at an airport four years ago. After a furious argument on his driveway,
both of them agreed to go ahead with the lessons anyway, mostly so that neither had to be the
one who backed down.
""",
        body="""
The lessons begin, and they are exactly as comfortable as you would expect. Su-ho is a poor
student by design: he talks through exercises, questions every instruction and finds reasons to
bring up the past while claiming to do nothing of the kind. Hyeon-seo answers in the only
language she has left for him, the strict professional tone she uses with ten-year-olds, and the
comedy of the episode lives in the gap between the two.

The episode also fills in the years before the breakup. They met in a college band, and the
flashbacks show a Hyeon-seo who was the youngest student ever admitted to her music school and a
Su-ho with a camera, a channel nobody watched and total confidence that he would make it online.
Her conservatory years were a grind of practice and money worries, and the show is careful not to
cast either of them as the villain. He believed in luck; she could not afford to.

K finally arrives, and he is not what Su-ho expected. The songwriter behind the clips is young,
cheerful and completely unimpressed by the company pitch. He has no interest in being managed,
and he only warms to the project when he hears someone playing piano in the next room. Su-ho's
ears are still ringing, but he hears that too.

By the end of the hour K wants Hyeon-seo on his song, Su-ho's company wants K, and Hyeon-seo,
who has quietly been saving to open a small restaurant and leave music behind, cannot afford to
say no to the fee. Her best friend Jin-gyeong, who runs the restaurant where Hyeon-seo helps out
and sends her own children to the academy, asks the obvious question: how long does she think
she can work with an ex without either of them pretending it is only work?
""",
        review="""
The second episode does the necessary work of setting up the triangle, and it is lighter on its
feet than most set-up hours. The college flashbacks are the best thing in it. They give the
breakup a shape, two people with different ideas about risk, rather than a melodramatic secret,
and they make the present-day sniping sadder and funnier at once.

Demian is an easy screen presence in his first acting role, all open face and no strategy, which
is exactly what the story needs next to two leads who cannot say a straight sentence to each
other. The episode leans on convenience to get everyone into one project, but with only six
hours to tell its story, the show has earned a shortcut.
""",
        verdict="A brisk set-up episode whose flashbacks make the breakup feel earned.",
        rating=7,
        meta_description=(
            "Soundtrack #2 Episode 2 recap and review: the piano lessons begin, the college "
            "flashbacks explain the breakup, and the songwriter K comes to stay."
        ),
        tags=SOUNDTRACK_TAGS,
        stills=(
            StillData(
                RECAP,
                0,
                "Hyeon-seo points at a page of sheet music while Su-ho leans back on the piano "
                "bench, unconvinced.",
                is_hero=True,
            ),
            StillData(
                RECAP, 1, "K, carrying a guitar case, pauses in a doorway and listens to the piano."
            ),
            StillData(
                REVIEW, 0, "A younger Hyeon-seo and Su-ho play together on a small college stage."
            ),
        ),
    ),
    RecapData(
        show="soundtrack-2",
        episode=3,
        subtitle="Three People, One House and Nowhere to Hide",
        slug="soundtrack-2-episode-3-recap-review",
        published_at=at(2023, 12, 13, 13, 10),
        intro="""
Last time, the songwriter K turned out to be a cheerful young musician with no interest in
business plans, and he agreed to work with Su-ho's company only after hearing Hyeon-seo play.
She took the job for the money, hoping to finally open her restaurant and leave music behind.
""",
        body="""
Su-ho does not handle the new arrangement well. Every time K and Hyeon-seo disappear into a
song, he finds a reason to be in the room, and his solution to the problem is spectacularly
transparent: the deadline is tight, he argues, so the team should live and work in his house
until the track is done. Hyeon-seo sees straight through it and agrees anyway.

She explains why to K rather than to Su-ho. This project is her farewell to music. She is about
to sell her equipment, the restaurant is all but planned, and finishing one last song properly
is the goodbye she never gave herself. K takes this in with unusual seriousness, and you can see
him decide that she deserves a better goodbye than the one she is planning.

Living together brings out the worst in Su-ho and the best in the show's comedy. He insists on
calling K by his legal name, Bong-gil, to needle him, and he tags along on a grocery run so
determinedly that he spends the entire trip as a third wheel pushing the trolley. Both men
notice an old scar on Hyeon-seo's wrist. It is K who brings her a heat pack after a long day at
the keys, and Su-ho who lies awake wondering what happened after he stopped being the one who
knew.

The late-night talk that follows is the heart of the episode. Hyeon-seo will not give Su-ho the
story of the scar, but she gives him something harder: her conviction that they were never going to
last, that the love was real and the life was impossible. Su-ho cannot understand
how she can be so certain. Meanwhile K, who sees more than either of them, is beginning to fall
for her.
""",
        review="""
This is the episode where Soundtrack #2 finds its rhythm. Putting the three of them under one
roof is a well-worn device, but the writing uses it for character rather than contrivance:
Hyeon-seo's reason for agreeing, the goodbye to music, reframes the whole series and gives her
an arc of her own instead of a choice between two men.

Steve Noh is very funny as a jealous man pretending to be a busy executive, and the grocery trip
is the kind of small, lived-in comedy the first season did well. Some of the scar mystery feels
held back for effect, but the closing conversation is the best-written scene so far.
""",
        verdict="The triangle snaps into focus, and Hyeon-seo gets a story of her own.",
        rating=7,
        meta_description=(
            "Soundtrack #2 Episode 3 recap and review: Su-ho moves Hyeon-seo and K into his house "
            "for the project, and an old scar raises questions."
        ),
        tags=SOUNDTRACK_TAGS,
        stills=(
            StillData(
                RECAP,
                0,
                "Su-ho pushes a shopping trolley a step behind Hyeon-seo and K in a supermarket "
                "aisle.",
                is_hero=True,
            ),
            StillData(
                RECAP,
                1,
                "Hyeon-seo and K work side by side at a keyboard in a home studio late at night.",
            ),
            StillData(
                REVIEW, 0, "Hyeon-seo sits on the stairs of a dark house, holding her wrist."
            ),
        ),
    ),
    RecapData(
        show="soundtrack-2",
        episode=4,
        subtitle="The Rain Finally Breaks",
        slug="soundtrack-2-episode-4-recap-review",
        published_at=at(2023, 12, 13, 16, 30),
        intro="""
Last time, Su-ho engineered a reason for the three of them to live and work in his house, and
Hyeon-seo told K the project was her farewell to music. It ended with her insisting to Su-ho
that the two of them were doomed from the start, and with K, quietly, starting to fall for her.
""",
        body="""
Su-ho asks the obvious follow-up, and Hyeon-seo answers it without softening anything. They
wanted different lives, she says, and she had known it for a long time before she left; the last
two years together were years she spent trying to talk herself out of leaving. He fires back
that all her caution did not get her very far either. When he asks whether she is only here for
the money, she does not deny it. Money ended the relationship, she says flatly, and money is the
only reason she is sitting in his house now. They part on a mutual instruction not to read
anything into it, which neither of them follows.

The morning after is grim. K, who reads the room better than either of them, invites Hyeon-seo
to a record shop, and the outing becomes a trio when Su-ho decides his appointment can wait.
That is before Chang-sik turns up at the house, scolds Su-ho for working when he is supposed to
be resting, and starts to mention his health in front of the others. Su-ho bundles everyone out
of the door before the sentence is finished.

His ears catch up with him anyway. In the middle of the day out, the ringing returns and he goes
down hard. K runs for water so Su-ho can take his pills, and Hyeon-seo, who has spent three
episodes pretending not to care, is suddenly holding him upright. That night the two of them
manage a whole dinner without a single barbed remark, which unsettles her more than any fight.

On location the next day, K's questions about her history with Su-ho lead to a revelation of his
own, and it rattles her. She decides to go home, and Su-ho tags along to Jin-gyeong's place,
where Jin-gyeong and Chang-sik spend the evening openly plotting to push the two of them back
together.

Escaping the matchmakers, Su-ho and Hyeon-seo walk, and she finally apologises for the way it
ended. He says he understands, and for once it sounds true. Then the rain starts, they shelter
at her place with a bottle, and somewhere after midnight they end up playing the piano together
the way they used to. Su-ho admits that he spent years wanting to repay her for the hurt and
found, now that he can, that he does not want to. He kisses her, and they hold on to each other
and cry.
""",
        bonus_track="""
Earlier that day, on location, K tells Hyeon-seo how he feels. The song had a hole in it, he
says, until she sat down at the piano and filled it. He is not asking for an answer tonight, only
that she consider it.
""",
        review="""
Every romance has an episode where the dam breaks, and this is a good one because the show has
spent three hours building the dam. The argument that opens the hour is uncomfortable in the
right way: neither of them is wrong, which is exactly why it hurts, and both actors let it sit.

It helps that the big scene is not only about longing. The piano duet is the first time we have
seen Hyeon-seo play for pleasure, and the confession is about resentment as much as love. K
remains the weak side of the triangle: the show likes him too much to let him be a real threat,
which makes the bonus scene touching but not tense. With two episodes left, Soundtrack #2 has
earned its kiss; now it has to earn whatever comes after.

[spoiler] A note added after the finale: hold on to that duet. The song K keeps rewriting
becomes the place where all three of them meet again, and whether Hyeon-seo is finished with
music is answered in a recording booth, not in a speech.
""",
        verdict="The best episode yet: a real argument, a real apology and a kiss that costs.",
        rating=8,
        meta_description=(
            "Soundtrack #2 Episode 4 recap and review: Su-ho's tinnitus returns, a rainy night "
            "ends at the piano, and K tells Hyeon-seo how he feels."
        ),
        tags=SOUNDTRACK_TAGS,
        also_read=("soundtrack-2-episode-3-recap-review",),
        stills=(
            StillData(
                RECAP,
                0,
                "Su-ho and Hyeon-seo sit shoulder to shoulder at an upright piano in a small, "
                "lamp-lit flat.",
                is_hero=True,
            ),
            StillData(
                RECAP, 1, "Su-ho and Hyeon-seo walk side by side down a quiet street at night."
            ),
            StillData(
                BONUS, 0, "K, holding a guitar, talks earnestly to Hyeon-seo on an outdoor set."
            ),
        ),
    ),
    RecapData(
        show="soundtrack-2",
        episode=5,
        subtitle="The Morning After Comes With Homework",
        slug="soundtrack-2-episode-5-recap-review",
        published_at=at(2023, 12, 20, 12, 50),
        intro="""
Last time, a night of rain, a bottle and old duets ended with Su-ho admitting how much he had
resented Hyeon-seo, and how little that mattered now, and the two of them kissed. Before
that, K had told Hyeon-seo that his song only came alive when she played on it.
""",
        body="""
The night goes where you would expect, and the morning arrives with a doorbell. Jin-gyeong drops
by without warning, and Su-ho, the chief executive of a successful company, escapes through the
flat like a teenager, tripping over furniture and his own dignity in the process. It is the
funniest sequence of the series and a welcome release after last week's tears.

What the two of them do not do is talk. They go back to the house and the project as if nothing
has changed, trading looks over the keyboard and saying nothing about what the night meant.
Instead there is a late-night phone call: Su-ho claims he cannot sleep without hearing her
voice, and Hyeon-seo obliges by talking him through her favourite composers until he drifts off.
It is the most tender scene in the show, and neither of them says a word about the future.

K knows. He notices the change before anyone tells him, and when Hyeon-seo tries to give him her
answer over dinner, he asks her to hold it until the song is finished. Then he goes back to his
lyrics and rewrites them. The one-sided confession he started with becomes something more
generous, and the song is better for it.

The unresolved question sits under all of it: Hyeon-seo has not changed her mind about leaving
music, and the restaurant plans are still on the table. Loving Su-ho again does not answer why
they broke up the first time, and the episode ends with the sense that the honeymoon is on a
deadline.
""",
        review="""
A penultimate episode usually plants the final obstacle, and Soundtrack #2 is wise enough to
make the obstacle the one it has had all along. The old argument about money and dreams has not
been settled by a kiss, and the show knows it.

The phone call is lovely, and K's rewritten lyrics are the smartest thing the writers have done
with the character: he gets dignity rather than a plot device. I wanted one honest conversation
between the leads here, and its absence is the point, but it makes the hour feel like it is
holding its breath for the finale.
""",
        verdict="Sweet and funny, and wisely unwilling to pretend a kiss fixes anything.",
        rating=7,
        meta_description=(
            "Soundtrack #2 Episode 5 recap and review: a surprise visit, a late-night phone call, "
            "and K rewrites his song after Hyeon-seo's choice."
        ),
        tags=SOUNDTRACK_TAGS,
        stills=(
            StillData(
                RECAP,
                0,
                "Su-ho, half-dressed and clutching his jacket, edges along a hallway toward the "
                "front door.",
                is_hero=True,
            ),
            StillData(RECAP, 1, "Hyeon-seo lies on her bed in the dark, talking on the phone."),
            StillData(REVIEW, 0, "K writes in a notebook at a kitchen table, a guitar beside him."),
        ),
    ),
    RecapData(
        show="soundtrack-2",
        episode=6,
        subtitle="The Last Song Starts Something New",
        slug="soundtrack-2-episode-6-recap-review",
        published_at=at(2023, 12, 20, 16, 15),
        intro="""
Last time, Hyeon-seo and Su-ho picked up where they left off four years ago without ever
discussing why they stopped, and K, reading the room, asked Hyeon-seo to keep her answer until
the song was done. The project is nearly finished, and so, Hyeon-seo keeps saying, is her life
in music.
""",
        body="""
The finale makes them have the conversation. With the recording sessions winding down and the
release date set, the plans Hyeon-seo made before any of this started come due, and Su-ho learns
how close she is to walking away from the piano for good. His instinct is to fix it the way he
fixes everything now, with money and a plan, which is precisely the instinct that scares her.

What follows is the argument they should have had at the airport, conducted this time by two
adults who have had four years to think about it. The old accusations come out, about money,
about dreams, about who gave up on whom, and this time both of them stay in the room long enough
to hear the answers. It does not solve the practical problem, but it changes the question.

K gets his answer at last and takes it with more grace than anyone in this series has managed.
His song, the one he rewrote after last week, becomes the thing that ties the three of them
together rather than the thing that drove them apart, and the finished recording makes its own
argument about whether Hyeon-seo is really done with music.

The series ends on a beginning rather than a wedding. Su-ho and Hyeon-seo choose to try again,
this time with the terms said out loud instead of left for the other to guess.
""",
        review="""
Soundtrack #2 ends the way it started, modestly, and that restraint is both its charm and its
limit. The finale's big conversation is well written and better acted, and it gives the breakup
the explanation the series has been promising since the airport flashback. It also wraps up a
little neatly, and the practical worries that weighed on every episode get less attention in the
last act than they deserve.

Taken as a whole, this is a smaller, sadder season than Soundtrack #1 and a more grown-up one.
Geum Sae-rok is the reason to watch; Hyeon-seo's reluctance to hope is the most recognisable
thing in it. If the anthology continues, it should keep this scale and this honesty, and give
its next couple a few more episodes to breathe.
""",
        verdict="A warm, slightly too tidy finale for a small, honest season about second chances.",
        rating=8,
        meta_description=(
            "Soundtrack #2 Episode 6 recap and review: the finale forces the conversation Su-ho "
            "and Hyeon-seo avoided for four years, and K gets his answer."
        ),
        tags=(*SOUNDTRACK_TAGS, "finale"),
        also_read=(
            "soundtrack-2-episode-1-recap-review",
            "welcome-to-samdal-ri-episode-1-recap-review",
        ),
        stills=(
            StillData(
                RECAP,
                0,
                "Hyeon-seo and Su-ho face each other across a recording studio, both standing.",
                is_hero=True,
            ),
            StillData(
                RECAP, 1, "K listens through headphones in a vocal booth, eyes closed, smiling."
            ),
            StillData(
                REVIEW,
                0,
                "Hyeon-seo and Su-ho share a piano bench, laughing at something off screen.",
            ),
        ),
    ),
    # Welcome to Samdal-ri: Saturdays and Sundays at 10:30 PM KST (13:30 UTC).
    RecapData(
        show="welcome-to-samdal-ri",
        episode=1,
        subtitle="The Fall of Photographer Jo Eun-hye",
        slug="welcome-to-samdal-ri-episode-1-recap-review",
        published_at=at(2023, 12, 3, 2, 40),
        intro="""
JTBC's weekend romance, also streaming on Netflix, reunites director Cha Young-hoon of <em>When
the Camellia Blooms</em> with a small-town story, this time on Jeju Island. Shin Hye-sun plays
Jo Sam-dal, a village girl turned celebrated fashion photographer, and Ji Chang-wook plays Jo
Yong-pil, the childhood friend and ex-boyfriend who never left home. The script is by Kwon
Hye-joo, who wrote <em>Hi Bye, Mama!</em>
""",
        body="""
We start in 1994, at a televised singing contest, where nine-year-old Yong-pil is the pride of
Jeju and Sam-dal, already bossy, is his manager, choreographer and backing dancer all at once.
The two were born on the same day to the village's famous pair of haenyeo divers who share the
name Mi-ja, and the whole village decided long ago that the babies were meant for each other. A
quick montage takes them through school, Sam-dal's escape to Seoul and a romance between them
that ended badly years ago.

In the present, Sam-dal has remade herself in Seoul as Jo Eun-hye, the photographer every
magazine wants. She has the studio, the assistants and a boyfriend in the industry, and the
episode lets us enjoy her success just long enough to dread what happens to it. She catches the
boyfriend with her assistant, Bang Eun-ju, and confronts him in the middle of the magazine's
office, loudly and memorably.

Yong-pil, meanwhile, is exactly where we left him. He is a forecaster at the Jeju Meteorological
Office and a thorn in the side of headquarters, forever overruling their models with his own
reading of the island's weather. The reason is not stubbornness. His mother, a diver, died at
sea because of a forecast that got the weather wrong, and he has made it his job to make sure
that never happens to the village's divers again.

The fall comes fast. Eun-ju takes a recording of Sam-dal's furious words to her, strips it of
context and goes public with a claim of workplace abuse. Within a day the story is everywhere,
the sponsors are gone, and the scandal digs up her sisters' private lives as well. By the end of
the hour, Jo Eun-hye has nowhere to go but the one place she swore she would never move back to,
and the village where everyone still calls her Sam-dal.
""",
        review="""
The first episode of Welcome to Samdal-ri is mostly set-up, and it sometimes feels like watching
a synopsis being read aloud. The Seoul scenes in particular race through the scandal so quickly
that Eun-ju is a plot device rather than a person, and the cheating boyfriend barely registers.

It comes alive on Jeju. The 1994 prologue is charming, the island looks glorious, and Ji
Chang-wook is immediately at ease as a man whose stubbornness is a form of grief. Shin Hye-sun
gets less to do here than she will, but her physical comedy in the office confrontation is a
reminder of how good she is. The show's promise is in its village; the sooner Sam-dal gets
there, the better.
""",
        verdict="A rushed Seoul prologue, rescued by Jeju and by Ji Chang-wook's quiet grief.",
        rating=7,
        meta_description=(
            "Welcome to Samdal-ri Episode 1 recap and review: star photographer Jo Eun-hye loses "
            "everything to a scandal and heads home to Jeju as Sam-dal."
        ),
        tags=SAMDAL_RI_TAGS,
        stills=(
            StillData(
                RECAP,
                0,
                "Sam-dal, in a black coat, stands in a bright Seoul studio surrounded by lights "
                "and camera gear.",
                is_hero=True,
            ),
            StillData(
                RECAP,
                1,
                "Yong-pil studies weather charts on a bank of monitors at the meteorological "
                "office.",
            ),
            StillData(
                REVIEW,
                0,
                "Two children in matching outfits stand on a television stage in 1994.",
            ),
        ),
    ),
    RecapData(
        show="welcome-to-samdal-ri",
        episode=2,
        subtitle="Three Sisters Come Home to Hide",
        slug="welcome-to-samdal-ri-episode-2-recap-review",
        published_at=at(2023, 12, 4, 1, 30),
        intro="""
Last time, Seoul's most sought-after photographer, Jo Eun-hye, watched her career collapse in a
day after her assistant Bang Eun-ju, who was also seeing Eun-hye's boyfriend, leaked an edited
recording and accused her of abuse. On Jeju, her childhood friend and ex Jo Yong-pil was still
forecasting the island's weather and still, it seemed, thinking about her.
""",
        body="""
Go Mi-ja has a rule of thumb about her daughters: they only come home when something has gone
wrong. The eldest, Jin-dal, came back to announce her divorce; the youngest, Hae-dal, came back
pregnant. So when all three walk through the door on the same day, their mother braces for the
worst and guesses wrong, assuming Sam-dal has merely been dumped. Their father, Jo Pan-sik, is
the only one the girls trust with the truth, and the episode gets a lot of comedy out of his
terrible poker face.

Mi-ja, to her credit, decides not to put Sam-dal to work with her sisters and lets her hide
instead. Hiding, in a village this size, is a fantasy. Down the road, one of Yong-pil's old
friends is already briefing a newcomer on the legend of the three Jo sisters, the strong one,
the wild one and the one who never gave up on anything she wanted, and it takes about a day for
the whole of Samdal-ri to know who is back in the Jo family's spare rooms.

Sam-dal's one goal is to avoid Yong-pil, and the episode turns that goal into a running gag:
ducking behind walls, freezing mid-errand, crouching behind a pile of rubbish bags when she
hears his voice. It cannot last. When the two of them finally collide, years of unsaid things
come out as a childish scuffle on the shore, with armfuls of seaweed as the weapons of choice.
Nobody wins.

Underneath the slapstick, the episode is careful with both of them. Sam-dal has not told her
mother the real story, and she still has no idea how to fight a scandal built on a recording of
her own voice. Yong-pil, for his part, is no longer the boy who waited; he is a man who has
built a life around the island and its divers, and she has walked back into the middle of it.
""",
        review="""
This is the episode where Welcome to Samdal-ri finds its tone. The family scenes are warm and
noisy without being saccharine, Kim Mi-kyung is terrific as a mother who expresses love mainly
as suspicion, and the three sisters arriving together gives the scandal a funny, humane side the
premiere lacked.

The seaweed fight is broad, but Shin Hye-sun and Ji Chang-wook play it as two people who have no
other way to touch each other yet, and it works. If the show can keep balancing village comedy
with the grief it set up for Yong-pil, this could be the comfort drama of the winter.
""",
        verdict="The village takes over, and the show gets funnier and kinder for it.",
        rating=8,
        meta_description=(
            "Welcome to Samdal-ri Episode 2 recap and review: the Jo sisters come home to Jeju, "
            "Sam-dal hides from Yong-pil and the seaweed starts flying."
        ),
        tags=SAMDAL_RI_TAGS,
        also_read=("welcome-to-samdal-ri-episode-1-recap-review",),
        stills=(
            StillData(
                RECAP,
                0,
                "Three sisters with suitcases stand at the gate of a stone house on the Jeju "
                "coast.",
                is_hero=True,
            ),
            StillData(
                RECAP,
                1,
                "Sam-dal and Yong-pil face off on a rocky shore, each holding a fistful of "
                "seaweed.",
            ),
        ),
    ),
    # The Last of Us: Sundays at 9 PM Eastern (02:00 UTC on Monday).
    RecapData(
        show="the-last-of-us",
        episode=1,
        subtitle="Twenty Years After the End",
        slug="the-last-of-us-episode-1-recap-review",
        published_at=at(2023, 1, 16, 6, 30),
        intro="""
HBO's adaptation of Naughty Dog's 2013 video game arrives with a feature-length premiere written
by Craig Mazin, the creator of <em>Chernobyl</em>, and Neil Druckmann, who wrote and directed
the game. Pedro Pascal plays Joel Miller, a smuggler hollowed out by loss, and Bella Ramsey
plays Ellie Williams, the fourteen-year-old he is paid to deliver across a ruined country.
""",
        body="""
The episode opens somewhere no one expected: a 1968 television talk show, where an
epidemiologist calmly explains that viruses are not what should frighten us. A warming world, he
says, could teach a fungus to survive inside human bodies, and there would be no cure and no
treatment. The studio audience is not laughing by the end.

Then it is September 2003 in Austin, Texas, and we spend a long, quiet stretch with Joel's
teenage daughter Sarah on his birthday. She gets his broken watch repaired as a present, drops
in on the elderly neighbours, and notices small wrong things: a twitch, sirens, a news report
cut short. That night the world ends in a single long take from the back seat of a car as Joel,
Sarah and Joel's brother Tommy try to flee a town on fire. They almost make it. On the edge of
the highway, a soldier following orders opens fire, and Sarah dies in her father's arms.

Twenty years later, Joel lives in the Boston quarantine zone run by the military authority
FEDRA, shovelling bodies into a furnace for ration cards and running contraband on the side with
his partner Tess. He wants one thing: a truck battery, so he can drive to Wyoming and find
Tommy, who has gone silent on the radio. The deal goes wrong, and Tess ends up in a bargain with
Marlene, leader of the Fireflies resistance, who has a girl locked in a room and needs her
smuggled out of the city.

Ellie is sharp-tongued, fearless and carrying a secret. On the way out through the tunnels, a
FEDRA soldier catches them and starts scanning for infection. In the struggle Ellie stabs him
and Joel beats him to death, a burst of violence that frightens even Tess. Tess scans Ellie and
the reading is positive; Ellie rolls up her sleeve to show a bite three weeks old, and she has
not turned. The three of them step through the wall into the ruins. Back in Joel's empty flat,
the old radio crackles into life with a song from the 1980s. Someone out there is trying to
reach him.
""",
        review="""
This is about as good as a pilot gets. The 1968 prologue is a masterstroke of tone, the Austin
sequence earns every one of its minutes, and Nico Parker's Sarah is so alive that her death
lands as a real loss rather than an origin story. Anyone who has played the game will know the
beats; what surprises is how patient the show is willing to be with them.

Pedro Pascal plays Joel as a man who has put all his feeling in a locked room, and Bella Ramsey
is funny and prickly from her first line. Their scenes together are brief here, but the friction
is immediately right. If there is a weakness, it is that the Boston politics of FEDRA and the
Fireflies arrive in a rush of exposition. It hardly matters. This is a confident, frightening
and humane start.
""",
        verdict="A patient, devastating premiere that understands grief is the real horror story.",
        rating=9,
        meta_description=(
            "The Last of Us Episode 1 recap and review: the outbreak reaches Austin, twenty years "
            "pass, and Joel agrees to smuggle Ellie out of Boston."
        ),
        tags=LAST_OF_US_TAGS,
        stills=(
            StillData(
                RECAP,
                0,
                "Joel, grey-bearded and wary, stands in a rubble-strewn Boston street.",
                is_hero=True,
            ),
            StillData(
                RECAP, 1, "Sarah in the back seat of a car at night, lit by the fires outside."
            ),
            StillData(
                REVIEW,
                0,
                "Ellie, locked in a bare room, stares defiantly at the door.",
            ),
        ),
    ),
    RecapData(
        show="the-last-of-us",
        episode=3,
        subtitle="Bill and Frank's Long, Long Time",
        slug="the-last-of-us-episode-3-recap-review",
        published_at=at(2023, 1, 30, 7, 0),
        intro="""
Last time, Tess was bitten in the ruins of Boston and stayed behind to blow up a horde of the
infected, giving Joel and Ellie time to escape. The two of them now head west alone, toward the
only people Joel trusts outside the wall: an old contact called Bill, in the small town of
Lincoln.
""",
        body="""
The episode begins with the two survivors getting the measure of each other. Joel buries his
grief in logistics, Ellie fills the silence with questions and terrible jokes, and on the road
she explores an abandoned petrol station, takes in a landscape she has only seen in pictures and
learns, at a roadside pit full of bones, what FEDRA did to the people it had no room for.

Then the show leaves them almost entirely for an hour and tells someone else's story. In 2003,
as soldiers empty the town of Lincoln, a survivalist named Bill hides in his bunker and waits.
When they are gone he has the place to himself, and he builds a fortress: fences, traps,
generators, a wine cellar. Four years in, a man called Frank falls into one of his pit traps on
the way to the Boston zone, and Bill, against every instinct, lets him in for a hot meal and a
shower.

Frank finds Bill's piano and a Linda Ronstadt songbook, and Bill, who has not sung for anyone in
years, sits down and plays "Long, Long Time". The rest of the episode follows the life they
build together across the years that follow: arguments about paint, a garden of strawberries, a
friendship over the radio with Joel and Tess, and a night when raiders attack and Bill is
wounded defending the house.

Years later, Frank is ill with a degenerative disease, and he asks for one last good day. They
marry, they eat the best meal Bill can make, and Frank drinks the wine Bill has crushed his
pills into. Bill has put the pills in his own glass too. He is not going to stay in a world
without Frank in it. When Joel and Ellie arrive, they find a letter instead of a host. Bill
leaves Joel his truck, his guns and one piece of advice: that there is purpose in protecting
someone.
""",
        review="""
A post-apocalyptic series spending most of its third hour on a love story between two
middle-aged men, with barely a monster in sight, is a big swing, and it connects completely.
Nick Offerman, playing against type, makes Bill's fear of being seen as painful as his courage,
and Murray Bartlett's Frank is warm without ever being a saint. The piano scene is one of the
best things on television this year.

What makes it more than a detour is the way it speaks to Joel. Bill's letter says, in plain
words, what Joel cannot: that looking after someone is a reason to keep going, and a danger. By
the time the truck pulls away to "Long, Long Time" on the radio, the show has told you where
Joel's story is going without a single scene of him learning it.
""",
        verdict="A near-perfect hour that trusts a love story to carry a zombie show.",
        rating=10,
        meta_description=(
            "The Last of Us Episode 3 recap and review: Joel and Ellie head for Lincoln, and the "
            "series pauses to tell the twenty-year love story of Bill and Frank."
        ),
        tags=LAST_OF_US_TAGS,
        also_read=("the-last-of-us-episode-1-recap-review",),
        stills=(
            StillData(
                RECAP,
                0,
                "Bill and Frank sit together at an upright piano in a wood-panelled living room.",
                is_hero=True,
            ),
            StillData(
                RECAP,
                1,
                "Joel and Ellie walk along an empty highway through overgrown countryside.",
            ),
            StillData(
                REVIEW,
                0,
                "A strawberry patch in a fenced garden, late afternoon sun across the rows.",
            ),
        ),
    ),
    # A draft: half-written, no review yet, no publish time.
    RecapData(
        show="the-last-of-us",
        episode=2,
        subtitle="Tess Makes Her Stand",
        slug="the-last-of-us-episode-2-recap-review",
        intro="""
Last time, Joel and Tess agreed to smuggle Ellie out of the Boston quarantine zone for the
Fireflies, and found out why she matters: she was bitten three weeks ago and has not turned.
""",
        body="""
The cold open goes back to Jakarta in 2003, where a mycology professor is taken to a military
facility to examine a body that has been bitten. She confirms the worst and gives the only
advice she has left: bomb the city, and everyone in it.

In Boston, Joel, Tess and Ellie cross a flooded, collapsing city toward the Fireflies' meeting
point at the State House. NOTE TO SELF: museum sequence and clickers; Tess's bite; the ending.
""",
        tags=LAST_OF_US_TAGS,
    ),
)
