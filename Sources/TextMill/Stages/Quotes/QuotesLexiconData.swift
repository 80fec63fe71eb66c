/// The built-in word lists of the `quotes` stage, as data.
///
/// One entry a line; `#` starts a comment; blank lines are ignored. Users add entries from the
/// config (`quotes: {lexicon: {reporting_verbs: [...]}, lexicon_files: {reporting_verbs: path}}`),
/// in the same format. Words are matched case-insensitively; ’ and ' are the same letter.
enum QuotesLexiconData {
    /// Each list by its config name (`QuotesLexicon.listNames`), for the builder and the lint test.
    static func list(_ name: String) -> String {
        switch name {
        case "reporting_verbs": return reportingVerbs
        case "speech_nouns": return speechNouns
        case "source_phrases": return sourcePhrases
        case "speaker_nouns": return speakerNouns
        case "organisation_nouns": return organisationNouns
        case "document_nouns": return documentNouns
        case "role_synonyms": return roleSynonyms
        case "account_nouns": return accountNouns
        case "titles": return titles
        case "honorifics": return honorifics
        case "label_phrases": return labelPhrases
        case "naming_verbs": return namingVerbs
        case "work_nouns": return workNouns
        case "function_words": return functionWords
        case "speaker_cue_fillers": return speakerCueFillers
        case "time_words": return timeWords
        case "pronouns": return pronouns
        case "object_pronouns": return objectPronouns
        case "demonstratives": return demonstratives
        case "relative_pronouns": return relativePronouns
        case "first_names": return firstNames
        case "determiners": return determiners
        case "noun_links": return nounLinks
        case "name_connectors": return nameConnectors
        case "content_openers": return contentOpeners
        case "content_closers": return contentClosers
        case "gendered_surname_endings": return genderedSurnameEndings
        case "prepositions": return prepositions
        case "auxiliaries": return auxiliaries
        case "inanimate_nouns": return inanimateNouns
        case "irregular_participles": return irregularParticiples
        case "quantity_phrases": return quantityPhrases
        case "message_proforms": return messageProforms
        case "indefinite_pronouns": return indefinitePronouns
        case "subordinators": return subordinators
        case "topic_verbs": return topicVerbs
        case "casting_verbs": return castingVerbs
        case "refusal_verbs": return refusalVerbs
        case "hearsay_adverbs": return hearsayAdverbs
        case "turn_labels": return turnLabels
        default: return ""
        }
    }

    /// Reporting verbs and verb phrases: every form of one verb on a line, base form first
    /// (base, third person, past, -ing, then any other form such as a distinct participle).
    ///
    /// - `+word` after the forms: a particle that must follow the verb ("point … +out").
    /// - `@object`: the verb takes a hearer before the content ("told reporters that …").
    /// - `@thought`: belief or intention, never an utterance: used for indirect speech only.
    /// - `@noun`: some forms are also common nouns ("reports", "claims"); they count as verbs
    ///   only with a subject right before them.
    /// - `@noinvert`: never comes before its subject ("…,” said X" is fine; "…,” believes X" is not).
    /// - `@np`: a noun phrase after the verb is the content ("denied the allegations",
    ///   "cited problems in the Middle East").
    /// - `@intransitive`: reports no content of its own ("spoke at a rally"), but attributes
    ///   quotations and gives its subject to a participle after it ("spoke …, promising to …").
    /// - `@clause`: reports a clause and nothing else, so whatever follows the verb (past a hearer
    ///   and adjuncts) is the message even when it does not read as a clause ("said the same of
    ///   Sanders", "said states like Ohio will decide"; rule `bare-complement`).
    /// - `@passive`: its passive reports the subject ("The meeting was first reported by
    ///   Politico": rule `passive-report`); not "asked", "told", whose passive names the hearer.
    /// - `@document`: with a document (`document_nouns`) as its subject, whatever follows the
    ///   verb is the message ("The latest poll showed the mayor leading": rule `document-object`).
    static let reportingVerbs = """
    # speech
    say says said saying @clause @passive
    add adds added adding
    tell tells told telling @object
    write writes wrote writing written
    state states stated stating @noun
    explain explains explained explaining
    continue continues continued continuing
    note notes noted noting @noun @np
    tweet tweets tweeted tweeting @noun
    post posts posted posting @noun
    reply replies replied replying @noun
    respond responds responded responding
    answer answers answered answering @noun
    ask asks asked asking @object
    declare declares declared declaring @passive
    announce announces announced announcing @np @passive
    insist insists insisted insisting @clause
    argue argues argued arguing @clause
    claim claims claimed claiming @noun @clause @passive
    comment comments commented commenting @noun
    remark remarks remarked remarking @noun
    report reports reported reporting @noun @np @passive
    recall recalls recalled recalling @np
    warn warns warned warning @object @np
    urge urges urged urging @object
    admit admits admitted admitting @np
    acknowledge acknowledges acknowledged acknowledging @np
    concede concedes conceded conceding @np
    confirm confirms confirmed confirming @np @passive
    deny denies denied denying @np
    assert asserts asserted asserting @clause
    allege alleges alleged alleging @np
    contend contends contended contending @clause
    maintain maintains maintained maintaining
    stress stresses stressed stressing @np
    emphasize emphasizes emphasized emphasizing @np
    emphasise emphasises emphasised emphasising
    suggest suggests suggested suggesting @np
    predict predicts predicted predicting @np
    # saying a guess or a proposal (round 30: train 13 new indirect quotes, 13 right)
    hint hints hinted hinting @noun
    opine opines opined opining
    posit posits posited positing
    theorize theorizes theorized theorizing
    muse muses mused musing @noun
    forecast forecasts forecasted forecasting @np @noun
    float floats floated floating @np @noun
    promise promises promised promising @object @noun @np
    vow vows vowed vowing @noun
    pledge pledges pledged pledging @np @noun
    swear swears swore swearing sworn
    threaten threatens threatened threatening
    complain complains complained complaining
    protest protests protested protesting @noun
    charge charges charged charging @noun
    accuse accuses accused accusing @object @np
    blame blames blamed blaming
    criticize criticizes criticized criticizing @np
    criticise criticises criticised criticising @np
    praise praises praised praising @noun @np
    joke jokes joked joking @noun
    quip quips quipped quipping
    boast boasts boasted boasting @noun
    brag brags bragged bragging
    exclaim exclaims exclaimed exclaiming
    shout shouts shouted shouting @noun
    yell yells yelled yelling
    scream screams screamed screaming
    cry cries cried crying
    chant chants chanted chanting @noun
    sing sings sang singing sung
    whisper whispers whispered whispering @noun
    mutter mutters muttered muttering
    shoot shoots shot shooting +back
    fire fires fired firing +back
    hit hits hit hitting +back
    hit hits hit hitting +out
    lash lashes lashed lashing +out
    chime chimes chimed chiming +in
    weigh weighs weighed weighing +in
    point points pointed pointing +out
    spell spells spelled spelling +out
    retort retorts retorted retorting
    counter counters countered countering @noun
    rebut rebuts rebutted rebutting
    object objects objected objecting @noun
    interject interjects interjected interjecting
    interrupt interrupts interrupted interrupting
    observe observes observed observing
    mention mentions mentioned mentioning @np
    reveal reveals revealed revealing @np
    disclose discloses disclosed disclosing @np
    inform informs informed informing @object
    assure assures assured assuring @object
    reassure reassures reassured reassuring @object
    remind reminds reminded reminding @object
    advise advises advised advising @object
    notify notifies notified notifying @object
    caution cautions cautioned cautioning @noun
    concur concurs concurred concurring
    agree agrees agreed agreeing
    describe describes described describing @np
    characterize characterizes characterized characterizing
    recount recounts recounted recounting @np
    testify testifies testified testifying
    read reads read reading
    conclude concludes concluded concluding
    demand demands demanded demanding @np @noun
    question questions questioned questioning @noun @np
    wonder wonders wondered wondering
    speculate speculates speculated speculating
    estimate estimates estimated estimating @np @noun
    propose proposes proposed proposing @np
    recommend recommends recommended recommending @np
    reiterate reiterates reiterated reiterating @np
    repeat repeats repeated repeating @np
    indicate indicates indicated indicating
    signal signals signaled signaling signalled signalling @noun
    confide confides confided confiding
    plead pleads pleaded pleading pled
    beg begs begged begging
    implore implores implored imploring
    cite cites cited citing @np
    quote quotes quoted quoting @noun
    caption captions captioned captioning
    preach preaches preached preaching
    proclaim proclaims proclaimed proclaiming
    lament laments lamented lamenting @np
    decry decries decried decrying @np
    condemn condemns condemned condemning @np
    dismiss dismisses dismissed dismissing
    mock mocks mocked mocking @np
    ridicule ridicules ridiculed ridiculing @np
    tease teases teased teasing
    confess confesses confessed confessing
    apologize apologizes apologized apologizing
    thank thanks thanked thanking
    greet greets greeted greeting
    shrug shrugs shrugged shrugging +off
    go goes went going +on
    liken likens likened likening
    speak speaks spoke speaking spoken @intransitive
    talk talks talked talking @intransitive
    call calls called calling +for @np
    call calls called calling +on
    put puts put putting +it
    learn learns learned learning learnt
    # evaluation: what the speaker attacks, praises or turns down is its object (`@np`:
    # "the union assailed [[the port's new toll]]", "rebuked [[the mayor for selling the ferry]]")
    slam slams slammed slamming @np
    denounce denounces denounced denouncing @np
    deride derides derided deriding @np
    lambaste lambastes lambasted lambasting @np
    bash bashes bashed bashing @np
    assail assails assailed assailing @np
    chide chides chided chiding @np
    scold scolds scolded scolding @np
    rebuke rebukes rebuked rebuking @np
    castigate castigates castigated castigating @np
    excoriate excoriates excoriated excoriating @np
    lampoon lampoons lampooned lampooning @np
    trash trashes trashed trashing @np
    repudiate repudiates repudiated repudiating @np
    laud lauds lauded lauding @np
    commend commends commended commending @np
    applaud applauds applauded applauding @np
    congratulate congratulates congratulated congratulating @np
    reaffirm reaffirms reaffirmed reaffirming @np
    express expresses expressed expressing @np
    # belief, knowledge and intention (indirect speech only)
    believe believes believed believing @thought @noinvert
    think thinks thought thinking @thought @noinvert
    feel feels felt feeling @thought @noinvert
    hope hopes hoped hoping @thought @noinvert
    fear fears feared fearing @thought @noinvert
    expect expects expected expecting @thought @noinvert @passive
    know knows knew knowing known @thought @noinvert
    doubt doubts doubted doubting @thought @noinvert
    suspect suspects suspected suspecting @thought @noinvert
    worry worries worried worrying @thought @noinvert
    assume assumes assumed assuming @thought @noinvert
    realize realizes realized realizing @thought @noinvert
    recognize recognizes recognized recognizing @thought @noinvert
    understand understands understood understanding @thought @noinvert
    insinuate insinuates insinuated insinuating
    imply implies implied implying @noinvert
    show shows showed showing shown @thought @noinvert @document
    find finds found finding @thought @noinvert @document
    """

    /// Nouns of saying and believing that take a that-clause: with a possessive before them they
    /// report speech ("the governor’s claim that there have been “hundreds of closures”").
    static let speechNouns = """
    claim
    claims
    statement
    statements
    assertion
    assertions
    suggestion
    suggestions
    warning
    warnings
    promise
    promises
    argument
    arguments
    allegation
    allegations
    insistence
    remark
    remarks
    comment
    comments
    announcement
    admission
    assurance
    assurances
    contention
    complaint
    complaints
    charge
    charges
    prediction
    predictions
    pledge
    pledges
    vow
    vows
    acknowledgment
    acknowledgement
    denial
    denials
    accusation
    accusations
    declaration
    insinuation
    emphasis
    view
    belief
    hope
    fear
    concern
    conclusion
    finding
    findings
    report
    reports
    message
    """

    /// Phrases that introduce a source after them ("according to the indictment, …").
    static let sourcePhrases = """
    according to
    in the words of
    as reported by
    as quoted by
    """

    /// Words for people who speak: heads of a speaker noun phrase without a name ("a
    /// spokesman", "sources"), and role words before a name ("activist X").
    static let speakerNouns = """
    percent
    spokesman
    spokesmen
    spokeswoman
    spokeswomen
    spokesperson
    spokespeople
    official
    officials
    source
    sources
    aide
    aides
    adviser
    advisers
    advisor
    advisors
    analyst
    analysts
    expert
    experts
    observer
    observers
    critic
    critics
    supporter
    supporters
    lawyer
    lawyers
    attorney
    attorneys
    prosecutor
    prosecutors
    judge
    judges
    activist
    activists
    journalist
    journalists
    reporter
    reporters
    editor
    editors
    blogger
    bloggers
    writer
    writers
    author
    authors
    columnist
    columnists
    commentator
    commentators
    user
    users
    resident
    residents
    witness
    witnesses
    voter
    voters
    protester
    protesters
    protestors
    organizer
    organizers
    organiser
    organisers
    member
    members
    leader
    leaders
    head
    chief
    master
    harbourmaster
    harbormaster
    director
    directors
    chairman
    chairwoman
    chair
    minister
    ministers
    president
    presidents
    secretary
    ambassador
    ambassadors
    envoy
    envoys
    diplomat
    diplomats
    consul
    representative
    representatives
    senator
    senators
    lawmaker
    lawmakers
    legislator
    legislators
    governor
    governors
    mayor
    mayors
    candidate
    candidates
    nominee
    nominees
    manager
    managers
    founder
    cofounder
    co-founder
    owner
    executive
    executives
    officer
    officers
    agent
    agents
    investigator
    investigators
    researcher
    researchers
    scientist
    scientists
    professor
    professors
    economist
    economists
    scholar
    scholars
    historian
    historians
    doctor
    doctors
    physician
    physicians
    nurse
    nurses
    worker
    workers
    employee
    employees
    student
    students
    teacher
    teachers
    parent
    parents
    mother
    father
    wife
    husband
    son
    daughter
    widow
    widower
    sister
    brother
    relative
    relatives
    family
    families
    friend
    friends
    neighbor
    neighbors
    veteran
    veterans
    survivor
    survivors
    victim
    victims
    people
    man
    men
    woman
    women
    person
    individual
    individuals
    """

    /// Bodies and publications that speak ("the embassy said", "the paper reported"): heads
    /// of a speaker phrase that "it" can stand for. "account" is a social-media account,
    /// which speaks for its owner ("The embassy's Twitter account shared …").
    static let organisationNouns = """
    government
    governments
    ministry
    ministries
    embassy
    embassies
    consulate
    consulates
    department
    agency
    agencies
    office
    court
    courts
    police
    authorities
    authority
    administration
    campaign
    party
    committee
    council
    commission
    board
    panel
    company
    firm
    group
    groups
    organization
    organisation
    association
    union
    coalition
    network
    outlet
    newspaper
    paper
    magazine
    channel
    station
    website
    site
    account
    """

    /// Documents and other texts that speak ("the indictment says", "a UN report found"): a common noun phrase with one of these heads is a speaker with its
    /// words, but no person or organisation, so it has no entity and no name (rule
    /// `document-speaker`); "it" can stand for it. Plurals are listed: "accounts" is witnesses'
    /// or historians' accounts ("the most credible accounts of the protests acknowledge"); "protocol"
    /// is left out: it is a procedure more often than a text ("Secret Service protocol called for").
    /// `@verb`: also a reporting verb ("reply"): it marks a speaker phrase as a document ("The
    /// reply said") but is not made a noun that speaks, which would stop reading it as a verb
    /// ("tweeted a screenshot of his reply to the ambassador's post").
    static let documentNouns = """
    reply @verb
    replies @verb
    report
    reports
    study
    studies
    survey
    surveys
    poll
    polls
    polling
    statement
    statements
    letter
    letters
    note
    notes
    document
    documents
    indictment
    indictments
    ruling
    rulings
    verdict
    verdicts
    filing
    filings
    lawsuit
    lawsuits
    complaint
    complaints
    memo
    memos
    email
    emails
    message
    messages
    post
    posts
    tweet
    tweets
    release
    releases
    article
    articles
    story
    stories
    editorial
    editorials
    op-ed
    op-eds
    analysis
    analyses
    protocols
    accounts
    data
    statistics
    records
    estimate
    estimates
    census
    findings
    transcript
    transcripts
    screenshot
    screenshots
    footage
    video
    videos
    photo
    photos
    image
    images
    """

    /// Accounts through which their owner speaks: "The embassy's Twitter account shared …" is the
    /// embassy speaking, one entity with "the embassy" (rule `owner-speaks`).
    static let accountNouns = """
    account
    feed
    handle
    profile
    """

    /// Words for one role, one role a line: a mention by role only ("China's envoy", "the
    /// spokeswoman") is the named speaker of the document with that role ("Ambassador Zhang
    /// Xiao"; rule `same-role`). A title or speaker noun not listed is a role of its own
    /// ("the mayor" is "Mayor Ann Lee").
    static let roleSynonyms = """
    ambassador envoy amb.
    spokesman spokeswoman spokesperson
    secretary sec.
    senator sen.
    representative rep. congressman congresswoman
    governor gov.
    chairman chairwoman chair
    attorney atty. lawyer
    """

    /// Titles and honorifics: words that come before a name and describe it
    /// ("Ambassador Zhang Xiao", "Sen. Bernie Sanders"). They go into the speaker's role,
    /// except honorifics, which stay in the name ("Mr. King").
    static let titles = """
    del.
    amb.
    atty.
    sec.
    supt.
    insp.
    sgt.
    cpl.
    pvt.
    cmdr.
    gen.
    lt.
    brig.
    adm.
    fr.
    sr.
    msgr.
    rabbi
    delegate
    councilman
    councilwoman
    councillor
    councilor
    alderman
    assemblyman
    assemblywoman
    congressman
    congresswoman
    commissioner
    superintendent
    sheriff
    inspector
    detective
    officer
    agent
    trooper
    president
    vice-president
    vice
    ambassador
    minister
    secretary
    senator
    sen.
    representative
    rep.
    governor
    gov.
    mayor
    judge
    justice
    general
    colonel
    col.
    lieutenant
    sergeant
    captain
    capt.
    commander
    admiral
    major
    maj.
    chairman
    chairwoman
    chancellor
    premier
    prime
    chief
    deputy
    director
    spokesman
    spokeswoman
    spokesperson
    prosecutor
    attorney
    king
    queen
    prince
    princess
    sheikh
    imam
    pope
    cardinal
    bishop
    rev.
    reverend
    father
    sister
    dr.
    prof.
    professor
    speaker
    leader
    founder
    ceo
    executive
    coach
    sir
    dame
    lord
    lady
    """

    /// Honorifics kept inside the name ("Mr. King", "Mrs. Clinton").
    static let honorifics = """
    mr. @male
    mrs. @female
    ms. @female
    miss @female
    mr @male
    mrs @female
    ms @female
    dr.
    mx.
    """

    /// Phrases that make a quoted stretch a term or label rather than a quotation when they come
    /// right before it ("so-called “reeducation camps”", "the term “…”", "known as “…”").
    static let labelPhrases = """
    so-called
    so called
    the term
    the terms
    the word
    the words
    the phrase
    the expression
    the slogan
    the slogans
    the hashtag
    the label
    the motto
    the headline
    the nickname
    the title
    the name
    known as
    referred to as
    billed as
    dubbed
    termed
    nicknamed
    titled
    entitled
    branded
    labeled
    labelled
    marked
    reading
    """

    /// Words and phrases that stand for a whole message after a verb of saying ("said so",
    /// "said no", "claim the same", "acknowledged as much"): the reported content of rule
    /// `pro-form-message`. One a line.
    static let messageProforms = """
    so
    yes
    no
    the same
    as much
    otherwise
    """

    /// Phrases that open a number in a noun phrase: "At least 40 residents said …" speaks as
    /// "At least 40 residents", not "least 40 residents" (`nounPhrase`).
    static let quantityPhrases = """
    at least
    at most
    more than
    fewer than
    less than
    up to
    as many as
    """

    /// Verbs of naming: right before the quoted words, or with "the" before them ("calling it the
    /// “Chinese virus”"), the words are a label (`naming-label`); with an object and no "the"
    /// ("called the charges “too harsh”", "calling him a “loser”") they are the speaker's own
    /// evaluation, a quotation (`naming-evaluation`).
    static let namingVerbs = """
    call
    calls
    called
    calling
    dub
    dubs
    dubbing
    term
    terms
    terming
    label
    labels
    labeling
    labelling
    brand
    brands
    branding
    nickname
    nicknames
    nicknaming
    name
    names
    naming
    """

    /// Verbs that cast their object as something: quoted words after the object and "as" are the
    /// speaker's evaluation ("portrays the levy as a “tax on commuters”", "hailed the mayor as
    /// “The Comeback Kid”", "refers to the governor as “Chris”"; rule `as-evaluation`). Every
    /// form, base first; a past in -ed reads as a verb without the list, so the list is for the
    /// other forms. `+to`: the object comes after that preposition. Verbs of saying that do the
    /// same (describe, criticize, mock, dismiss) are in `reporting_verbs` and read as verbs too.
    static let castingVerbs = """
    portray portrays portrayed portraying
    depict depicts depicted depicting
    paint paints painted painting
    cast casts casting
    frame frames framed framing
    present presents presented presenting
    refer refers referred referring +to
    identify identifies identified identifying
    hail hails hailed hailing
    tout touts touted touting
    admire admires admired admiring
    view views viewed viewing
    see sees saw seen seeing
    regard regards regarded regarding
    treat treats treated treating
    denounce denounces denounced denouncing
    deride derides derided deriding
    blast blasts blasted blasting
    slam slams slammed slamming
    attack attacks attacked attacking
    pound pounds pounded pounding
    offer offers offered offering
    defend defends defended defending
    """

    /// Words that introduce titles of works when they come right before a quoted stretch (a
    /// comma between allowed: "her memoir, “Harbor Years”"), and the participles that do the same
    /// ("an ad titled “Bridge Out”").
    static let workNouns = """
    book
    books
    film
    films
    movie
    movies
    show
    shows
    series
    song
    songs
    album
    albums
    novel
    novels
    play
    plays
    poem
    poems
    article
    articles
    essay
    essays
    column
    columns
    documentary
    documentaries
    episode
    episodes
    program
    programme
    podcast
    podcasts
    memoir
    memoirs
    drama
    dramas
    thriller
    thrillers
    sitcom
    sitcoms
    musical
    musicals
    ad
    ads
    commercial
    commercials
    spot
    spots
    report
    reports
    paper
    papers
    study
    campaign
    operation
    exercise
    project
    initiative
    plan
    law
    act
    bill
    commentary
    op-ed
    editorial
    headline
    # the participles that name a work ("an article titled 'Why Is …?'"): what follows is its
    # title, never a speaker's words, even inside reported speech (`quoted-report`)
    titled
    entitled
    headlined
    """

    /// Words that are never part of a speaker's name, even when capitalized at a sentence start.
    static let functionWords = """
    the
    a
    an
    this
    that
    these
    those
    his
    her
    its
    their
    our
    my
    your
    another
    some
    any
    every
    each
    no
    and
    or
    but
    nor
    yet
    so
    for
    because
    while
    although
    though
    if
    unless
    when
    whenever
    where
    after
    before
    since
    until
    as
    than
    then
    also
    however
    instead
    meanwhile
    still
    even
    just
    only
    already
    now
    later
    earlier
    in
    on
    at
    by
    from
    with
    without
    to
    into
    onto
    of
    about
    over
    under
    between
    among
    against
    through
    during
    across
    toward
    towards
    upon
    within
    around
    behind
    beyond
    despite
    like
    near
    not
    never
    is
    are
    was
    were
    be
    been
    being
    has
    have
    had
    do
    does
    did
    will
    would
    shall
    should
    can
    could
    may
    might
    must
    it
    it's
    there
    here
    what
    which
    who
    whom
    whose
    why
    how
    """

    /// Words that may stand between a speaker and the cue ("X also said", "X has long argued"),
    /// among them the negative contractions ("X wouldn’t say when", "X didn’t say whether"): an
    /// auxiliary with "not", never a word of the speaker's name (’ is read as ').
    static let speakerCueFillers = """
    just
    now
    reportedly
    apparently
    also
    later
    then
    once
    first
    again
    further
    previously
    recently
    repeatedly
    publicly
    privately
    has
    have
    had
    will
    would
    could
    did
    does
    do
    is
    was
    were
    be
    been
    being
    long
    often
    never
    always
    already
    still
    since
    earlier
    separately
    similarly
    subsequently
    immediately
    quickly
    simply
    flatly
    bluntly
    openly
    allegedly
    herself
    himself
    themselves
    itself
    cannot
    don't
    doesn't
    didn't
    won't
    wouldn't
    can't
    couldn't
    shouldn't
    isn't
    wasn't
    aren't
    weren't
    hasn't
    haven't
    hadn't
    """

    /// Time words that may follow a cue before the speaker or close an attribution
    /// ("said Friday", "told reporters on Tuesday").
    static let timeWords = """
    monday
    tuesday
    wednesday
    thursday
    friday
    saturday
    sunday
    january
    february
    march
    april
    may
    june
    july
    august
    september
    october
    november
    december
    jan.
    feb.
    mar.
    apr.
    jun.
    jul.
    aug.
    sep.
    sept.
    oct.
    nov.
    dec.
    today
    tonight
    yesterday
    tomorrow
    morning
    afternoon
    evening
    night
    week
    weekend
    month
    year
    earlier
    later
    recently
    last
    this
    next
    """

    /// Pronouns that can be speakers, with what they may refer to.
    /// `@male`, `@female`: a person of that gender; `@plural`: a group; `@thing`: an organisation
    /// or document; `@self`: the writer or a speaker in a quote (never resolved); `@contracted`:
    /// the pronoun and its auxiliary in one word ("he’s"), so an -ing cue right after it is a
    /// progressive ("He’s claiming").
    static let pronouns = """
    he @male
    she @female
    they @plural
    it @thing
    i @self
    we @self
    you @self
    # contracted with an auxiliary ("He’s claiming that …"): `@contracted`
    he's @male @contracted
    he'd @male @contracted
    he'll @male @contracted
    she's @female @contracted
    she'd @female @contracted
    she'll @female @contracted
    they're @plural @contracted
    they've @plural @contracted
    they'd @plural @contracted
    they'll @plural @contracted
    it's @thing @contracted
    i'm @self @contracted
    i've @self @contracted
    i'd @self @contracted
    we're @self @contracted
    we've @self @contracted
    you're @self @contracted
    """

    /// Object pronouns: as a speaker ("according to him") they stand for someone named before,
    /// as the subject pronouns do (`@male`, `@female`, `@plural` as in `pronouns`; `@self`: the
    /// writer or a speaker in a quote, never resolved), and are never a name. They are kept out
    /// of `pronouns`, whose words the rules read as a clause's subject ("they say", "she would"):
    /// an object pronoun opens no clause ("showed him grabbing …", "thank him for …").
    static let objectPronouns = """
    him @male
    her @female
    them @plural
    me @self
    us @self
    """

    /// Demonstratives, alone or written onto their verb: as the whole speaker ("That’s not to
    /// suggest that …") they point at something said or done before, never at a person named:
    /// unresolved, no name (rule `demonstrative-speaker`). Until session 37 "That’s", one
    /// capitalized word, was read as a name ("That").
    static let demonstratives = """
    this
    that
    these
    those
    this's
    that's
    that'll
    that'd
    """

    /// Things that cannot speak: a common noun phrase with one of these heads is never a speaker
    /// ("The sign on the door says": not "the door"; "angry reactions …, calling the comments").
    /// Places, parts of the body, events and abstractions; documents (report, poll, ad) can speak.
    static let inanimateNouns = """
    door
    doors
    wall
    walls
    room
    street
    streets
    building
    buildings
    foot
    feet
    hand
    hands
    head
    face
    reaction
    reactions
    rule
    connection
    connections
    discourse
    operation
    operations
    number
    issue
    issues
    problem
    problems
    threat
    threats
    incident
    incidents
    shooting
    shootings
    negotiation
    negotiations
    news
    test
    tests
    """

    /// Past participles not in -ed or -en, for "an indictment seen by RFE/RL" and "a note sent
    /// by the consulate" (a participle and "by" after the noun that speaks).
    static let irregularParticiples = """
    seen
    sent
    made
    held
    told
    said
    written
    known
    shown
    given
    taken
    found
    quoted
    cited
    obtained
    read
    heard
    brought
    put
    led
    signed
    run
    won
    paid
    """

    /// Pronouns that stand for no one in particular: a speaker written as one of these alone
    /// ("Everyone I know agrees that …") keeps its words but is unresolved, with no entity and no
    /// name (rule `indefinite-speaker`), so it is never counted as a person.
    static let indefinitePronouns = """
    everyone
    everybody
    someone
    somebody
    anyone
    anybody
    nobody
    # Pronouns for things, which name no one either: "Something tells me …", "Nothing says
    # summer like …" (session 34; before, "Something" and "Nothing" were entities).
    something
    everything
    nothing
    anything
    """

    /// Relative pronouns: a speaker written as one of these refers to the noun phrase before it.
    /// `@person`: it stands only for a person, so a place or thing before it leaves it unresolved.
    static let relativePronouns = """
    who @person
    which
    that
    whom @person
    whose
    """

    /// First names whose gender is nearly always known, for linking "he"/"she" to a speaker.
    /// `@male` and `@female` start the two sections. Extend for the corpus at hand.
    static let firstNames = """
    @male
    donald
    barack
    bernie
    joe
    mike
    michael
    john
    james
    robert
    william
    david
    richard
    thomas
    charles
    christopher
    daniel
    matthew
    anthony
    mark
    paul
    steven
    steve
    andrew
    kenneth
    joshua
    kevin
    brian
    george
    edward
    ronald
    timothy
    jason
    jeffrey
    ryan
    jacob
    gary
    nicholas
    eric
    jonathan
    stephen
    larry
    justin
    scott
    brandon
    benjamin
    samuel
    frank
    gregory
    raymond
    alexander
    patrick
    jack
    dennis
    jerry
    tyler
    aaron
    jose
    adam
    henry
    nathan
    douglas
    zachary
    peter
    kyle
    walter
    ethan
    jeremy
    harold
    keith
    christian
    roger
    noah
    gerald
    carl
    terry
    sean
    austin
    arthur
    lawrence
    jesse
    dylan
    bryan
    jordan
    billy
    bruce
    albert
    willie
    gabriel
    logan
    alan
    juan
    wayne
    roy
    ralph
    randy
    eugene
    vincent
    russell
    elijah
    louis
    bobby
    philip
    johnny
    mitch
    ted
    chris
    tim
    tom
    bill
    rudy
    newt
    reince
    corey
    jeb
    marco
    rand
    ben
    chuck
    harry
    vladimir
    xi
    sergei
    dmitry
    nursultan
    kassym-jomart
    erlan
    ermurat
    serikzhan
    muhammad
    mohammed
    ahmed
    ali
    omar
    hassan
    ibrahim
    alexei
    alejandro
    andrei
    antonio
    boris
    carlos
    chad
    conor
    dario
    diego
    dmitri
    dominic
    emmanuel
    enrique
    erik
    fernando
    francisco
    franz
    gavin
    giuseppe
    gordon
    hans
    hugo
    ivan
    jacques
    javier
    jean-claude
    jean-marc
    jim
    joaquin
    johan
    jorge
    josh
    julian
    kai
    karl
    klaus
    lars
    lee
    leon
    lindsey
    luca
    lucas
    luis
    manuel
    marcus
    mario
    martin
    mateo
    matteo
    mehmet
    miguel
    mikhail
    mitt
    nathaniel
    neil
    nicolas
    nigel
    olaf
    oleg
    oscar
    pablo
    pedro
    pierre
    rafael
    ramon
    ricardo
    roberto
    rodrigo
    rory
    rudolf
    salman
    sebastian
    sergio
    shane
    simon
    stefan
    sven
    tariq
    theo
    tobias
    tony
    umar
    victor
    vladislav
    wolfgang
    xavier
    yusuf
    zhang
    wang
    li
    chen
    kassym
    askar
    nurlan
    dauren
    daniyar
    bakhyt
    yerlan
    arman
    timur
    ruslan
    marat
    aidos
    serik
    @female
    hillary
    mary
    patricia
    jennifer
    jen
    linda
    elizabeth
    barbara
    susan
    jessica
    sarah
    karen
    lisa
    betty
    margaret
    sandra
    ashley
    kimberly
    emily
    donna
    michelle
    dorothy
    carol
    amanda
    melissa
    deborah
    stephanie
    rebecca
    sharon
    laura
    cynthia
    kathleen
    amy
    shirley
    angela
    helen
    anna
    brenda
    pamela
    nicole
    emma
    samantha
    katherine
    christine
    debra
    rachel
    catherine
    carolyn
    janet
    ruth
    maria
    heather
    diane
    virginia
    julie
    joyce
    victoria
    olivia
    kelly
    christina
    lauren
    joan
    evelyn
    judith
    megan
    cheryl
    andrea
    hannah
    martha
    jacqueline
    frances
    gloria
    ann
    teresa
    kathryn
    sara
    janice
    jean
    alice
    madison
    doris
    abigail
    julia
    judy
    grace
    denise
    amber
    marilyn
    beverly
    danielle
    theresa
    sophia
    marie
    diana
    brittany
    natalie
    isabella
    charlotte
    rose
    alexis
    kayla
    melania
    ivanka
    chelsea
    huma
    nikki
    maya
    assem
    elmira
    dinara
    gulnara
    aigerim
    saule
    zhanar
    aliya
    gulmira
    nazigul
    sayragul
    nancy
    kellyanne
    adriana
    aisha
    alejandra
    alexandra
    alicia
    alina
    ana
    anastasia
    angelina
    anita
    anja
    anne
    annette
    antonia
    beatriz
    bianca
    camila
    carla
    carmen
    caroline
    cecilia
    chiara
    claire
    claudia
    cristina
    daniela
    elena
    elisa
    elsa
    emilia
    eva
    fatima
    francesca
    gabriela
    giulia
    greta
    hanna
    helena
    ines
    irina
    isabel
    ivana
    jasmine
    jelena
    johanna
    josefina
    juliana
    karina
    katarina
    katya
    laila
    lara
    leila
    lena
    lucia
    luisa
    magdalena
    malala
    mariana
    marina
    marta
    martina
    melanie
    mila
    miriam
    monica
    nadia
    natalia
    natasha
    nina
    olga
    paula
    petra
    raquel
    rosa
    sabrina
    sofia
    sonia
    sophie
    stacey
    svetlana
    tamara
    tatiana
    valentina
    valeria
    vanessa
    vera
    veronica
    yasmin
    yulia
    zara
    zoe
    aruzhan
    aigul
    gulnar
    saltanat
    madina
    dana
    zhanna
    asel
    kamila
    meruyert
    """

    /// Determiners and possessives that start a noun phrase ("the embassy", "a source"); `@plural`:
    /// a quantity word that can be a subject by itself ("Most said …", rule `cue-quantity-subject`;
    /// as the whole speaker it names no one: rule `indefinite-speaker`).
    static let determiners = """
    neither
    either
    such
    one
    two
    three
    four
    five
    six
    seven
    eight
    nine
    ten
    dozens
    hundreds
    thousands
    millions
    eleven
    twelve
    fifteen
    twenty
    thirty
    forty
    fifty
    sixty
    seventy
    eighty
    ninety
    the
    a
    an
    this
    that
    these
    those
    his
    her
    its
    their
    our
    my
    your
    another
    some @plural
    any
    every
    each
    no
    several @plural
    many @plural
    both @plural
    all @plural
    most @plural
    few @plural
    other
    """

    /// Prepositions that tie a speaker noun to its complement ("a spokesman for the ministry",
    /// "director at Human Rights Watch").
    static let nounLinks = """
    of
    for
    at
    from
    with
    in
    on
    """

    /// Small words inside names ("Ministry of Foreign Affairs", "Ursula von der Leyen").
    static let nameConnectors = """
    of
    de
    da
    del
    della
    der
    den
    van
    von
    bin
    ibn
    al
    la
    le
    du
    dos
    das
    ter
    y
    and
    for
    on
    at
    """

    /// Prepositions: an adjunct between a cue and its content starts with one ("said during a
    /// rally in Michigan that …").
    static let prepositions = """
    about
    above
    across
    after
    against
    along
    amid
    among
    around
    as
    at
    before
    behind
    below
    beneath
    beside
    besides
    between
    beyond
    by
    despite
    during
    except
    for
    from
    in
    inside
    into
    like
    near
    of
    off
    on
    onto
    outside
    over
    past
    per
    since
    through
    throughout
    to
    toward
    towards
    under
    unlike
    until
    upon
    via
    with
    within
    without
    including
    excluding
    following
    regarding
    concerning
    """

    /// Auxiliaries and modals: one after a subject, however long, shows a clause ("said the
    /// fight over the harbor budget in the council would be much longer").
    static let auxiliaries = """
    would
    will
    could
    should
    can
    may
    might
    must
    is
    was
    are
    were
    has
    have
    had
    does
    did
    shall
    won't
    wouldn't
    can't
    couldn't
    isn't
    wasn't
    aren't
    weren't
    hasn't
    haven't
    hadn't
    doesn't
    didn't
    """

    /// Words that open reported content after a cue ("said that …", "asked whether …").
    static let contentOpeners = """
    that
    whether
    if
    what
    why
    how
    when
    where
    who
    which
    """

    /// Words that, after a comma, open a clause of the writer's own and so end reported content
    /// ("said they wanted to endorse Sanders, while 95 members favored Clinton").
    static let contentClosers = """
    while
    whereas
    although
    though
    """

    /// Verbs of speaking whose topic a preposition names (rule `speech-topic`: "talked about the
    /// harbor tunnel", "commented on the budget", "responded to the audit"): the forms that read
    /// as a verb, then `+` and each preposition that opens the topic. Forms that are as often
    /// nouns ("talks", "comments", "points", "jokes") are left out; a listed form after a
    /// determiner, possessive or preposition is read as a noun all the same ("the talk about").
    /// `@question`: a verb of asking, whose hearer ("asked the mayor about"), agent ("was asked
    /// by reporters about") or adjuncts may come before the topic, and whose topic may be a
    /// question ("asked whether …", "when asked if …"; rule `asked-question`).
    static let topicVerbs = """
    talk talked talking +about +of
    speak speaks spoke speaking spoken +about +of
    ask asks asked asking +about +for @question
    comment commented commenting +on +about
    respond responds responded responding +to
    reply replied replying +to
    complain complains complained complaining +about
    warn warns warned warning +of +against
    caution cautions cautioned cautioning +against
    rail rails railed railing +against
    joke joked joking +about
    boast boasted boasting +about +of
    brag brags bragged bragging +about
    argue argues argued arguing +for
    refer refers referred referring +to
    point pointed pointing +to
    hint hints hinted hinting +at
    """

    /// Forms of verbs of refusing, one a line: before "to" and a verb of saying or speaking they
    /// report that the subject would not say anything ("The port declined to comment."; rule
    /// `refused-comment`).
    static let refusalVerbs = """
    decline
    declines
    declined
    declining
    refuse
    refuses
    refused
    refusing
    """

    /// Adverbs that mark their clause as someone's report without naming them ("The harbor board
    /// is reportedly weighing a second contract"): the clause's subject and what follows the
    /// adverb are indirect, rule `hearsay-adverb`. One a line. Measured on PolNeAR train (docs/
    /// quotes.md, round 32): "allegedly", "apparently" and "supposedly" stand as a gold cue for
    /// too few of their uses to be listed.
    static let hearsayAdverbs = """
    reportedly
    """

    /// Words of a label in capitals and a colon that are no person's name, rule
    /// `transcript-turn`: under `@anonymous`, a transcript's label for a speaker it does not name
    /// ("Q: …", "QUESTION: …"): the turn is theirs, unresolved; under `@section`, a label of a
    /// section or a list ("NOTE: …", "UPDATE: …", "BREAKING: …"): no turn at all.
    static let turnLabels = """
    @anonymous
    q
    question
    questioner
    @section
    note
    notes
    update
    updated
    breaking
    correction
    clarification
    editor
    editors
    advertisement
    watch
    read
    related
    photo
    photos
    video
    source
    sources
    pros
    cons
    warning
    alert
    exclusive
    live
    """

    /// Words that open a subordinate clause. A sentence that opens with one ("While the mayor has
    /// said the budget is sound, the council …") has its main clause after the first comma that a
    /// clause follows, so a content inside the opening clause ends at that comma
    /// (`contentLimit`).
    static let subordinators = """
    while
    whereas
    although
    though
    when
    whenever
    after
    before
    since
    until
    unless
    once
    because
    if
    as
    """

    /// Surname endings that tell a person's gender (Slavic and Central Asian names),
    /// under `@male` and `@female`.
    static let genderedSurnameEndings = """
    @female
    ova
    eva
    yeva
    ina
    skaya
    @male
    ov
    ev
    yev
    sky
    skiy
    """

    // MARK: English check

    /// Very common English words (articles, prepositions, pronouns, auxiliaries) that are not
    /// also common words of German, French, Spanish, Italian, Dutch or Portuguese ("in", "a",
    /// "an", "was", "die", "on", "is", "so", "no" are left out). `quotes` skips a document
    /// without `meta.language` whose first `englishCheckWords` words hold fewer than
    /// `englishMarkerShare` of these (`EnglishCheck`); English news runs at 0.17–0.40 (PolNeAR dev, the sample corpus), other
    /// languages below 0.05.
    static let englishMarkerWords = """
    the
    of
    and
    to
    that
    for
    with
    it
    be
    by
    at
    this
    from
    are
    have
    has
    his
    her
    not
    they
    we
    but
    which
    who
    were
    will
    been
    had
    their
    its
    would
    said
    after
    about
    there
    she
    than
    what
    when
    can
    also
    into
    our
    you
    if
    do
    up
    out
    them
    these
    those
    over
    could
    should
    """

    /// How many words from the text's start the English check reads (it is bounded whatever
    /// the document's length).
    static let englishCheckWords = 200
    /// Below this many words the English check does not judge (a headline or a short note passes).
    static let englishCheckMinimumWords = 25
    /// The least share of `englishMarkerWords` among the words read for a text to count as English.
    static let englishMarkerShare = 0.12
}
