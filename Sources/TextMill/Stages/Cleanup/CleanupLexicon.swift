/// The data of `cleanup`: class/id hints for the HTML scorer. One entry a line, `#` starts a
/// comment. Users add entries with the `hints` option (inline) or `hints_file` (a file of the
/// same format).
///
/// An entry is `WORD WEIGHT`. WORD is matched, lower-cased, inside the `class` and `id` values of
/// every element; a WORD that starts with `=` must be a whole token there (bounded by anything
/// that is not a letter or digit), so `=ad` matches `ad`, `ad-slot` and `top_ad` but not
/// `header` or `download`. The weights of every match in an element's class and id are added: a
/// positive sum marks a likely article container, a negative one boilerplate (its blocks are
/// dropped from the article, and it counts against any container that holds it).
enum CleanupLexicon {
    static let hints = """
    # Where articles live
    article 25
    articlebody 30
    article-body 30
    story 20
    entry 15
    post 12
    content 12
    main 10
    body 6
    text 8
    prose 20
    blog 8
    news 4
    page 2
    column 4
    hentry 20
    instapaper_body 40
    # Chrome: navigation, page furniture
    =nav -40
    navbar -40
    navigation -40
    menu -35
    breadcrumb -50
    masthead -40
    =header -25
    site-header -40
    footer -50
    sidebar -50
    =side -20
    widget -40
    toolbar -40
    pagination -50
    pager -40
    skip -30
    =sr-only -60
    screen-reader -60
    visually-hidden -60
    visuallyhidden -60
    offscreen -40
    # Sharing, social, subscriptions, promotion, advertising
    share -50
    sharing -50
    social -50
    =follow -25
    newsletter -60
    subscribe -50
    subscription -40
    signup -40
    sign-up -40
    login -40
    paywall -40
    promo -50
    sponsor -50
    advert -60
    =ad -50
    =ads -50
    adslot -60
    ad-slot -60
    ad-container -60
    ad-wrapper -60
    dfp -50
    banner -35
    outbrain -80
    taboola -80
    zergnet -80
    disqus -80
    # Related and recommended stories, teasers
    related -60
    recommend -50
    more-stories -50
    most-read -60
    mostread -60
    most-popular -60
    popular -35
    trending -50
    read-more -40
    readmore -40
    also-read -50
    teaser -30
    =tease -20
    # Comments, ratings, tags, author cards
    comment -60
    reply -30
    rating -30
    =tags -40
    tagcloud -50
    tag-list -50
    author-bio -50
    author-box -50
    authorbox -50
    author-card -50
    author-info -40
    author-profile -50
    author-description -50
    about-author -50
    about-the-author -50
    =bio -15
    byline -30
    dateline -20
    =meta -20
    # Banners, pop-ups, consent
    cookie -70
    consent -70
    gdpr -70
    privacy -30
    popup -50
    modal -40
    overlay -30
    =alert -20
    # Media furniture
    caption -40
    credit -50
    photo-credit -60
    gallery -20
    thumbnail -20
    =thumb -20
    video-player -30
    =print -20
    =hidden -20
    """
}

extension CleanupLexicon {
    /// Whole paragraphs that are page furniture wherever they appear in an article. Compared
    /// lower-cased on letters and digits only, so "ADVERTISEMENT" and "Advertisement:" match.
    static let boilerplate = """
    Advertisement
    Advertisements
    Story continues below advertisement
    Article continues below advertisement
    Continue reading below
    Continue reading the main story
    Scroll to continue with content
    Sponsored content
    Read more
    Read More
    Read more:
    Click here
    Click to expand
    Share this article
    Share this:
    Share this story
    Like this:
    Loading...
    Related
    Related articles
    Related stories
    Related posts
    Recommended
    Recommended for you
    Most popular
    Most read
    Sign up for our newsletter
    Subscribe to our newsletter
    Print
    Email
    Comments
    Leave a comment
    Leave a Reply
    Tweet
    Share
    Facebook
    Twitter
    WhatsApp
    LinkedIn
    Pinterest
    Reddit
    Copy link
    Image
    Photo
    Video
    Gallery
    Advert
    Listen
    Listen to this article
    Play
    Pause
    Close
    Skip to content
    Skip to main content
    Back to top
    Next
    Previous
    Download
    Transcript
    Please wait
    We use cookies
    Accept cookies
    Text size
    Font
    Font size
    Page 1 of 1
    Article tools
    Start quote
    End quote
    Story highlights
    Sponsored links
    Brought to you by
    Topics
    Subscribe
    Search
    """
}

extension CleanupLexicon {
    /// Lines that start a part of the page that is not the article: reader comments and
    /// teasers of other stories. When one of them stands as a short block (a heading, a label)
    /// after the article's first paragraph, it and everything after it in the article go.
    ///
    /// An entry is `KIND PHRASE`: `line` when the whole block is the phrase, `prefix` when the
    /// block starts with it. Compared lower-cased on letters only (digits are left out, so
    /// "Comments" also matches "12 Comments"). Users add entries with `section_ends` and
    /// `section_ends_file`.
    static let sectionEnds = """
    # Reader comments
    line Comments
    line Comment
    line Reader comments
    line Readers' comments
    line User comments
    line Leave a comment
    line Leave a Reply
    line Post a comment
    line Add a comment
    line Add your comment
    line Join the discussion
    line Discussion
    line Responses
    line Recent comments
    line Latest comments
    line Most recent comments
    line Most recent reader comments
    line Trackbacks
    line Reader views
    line Show comments
    line View comments
    line Add new comment
    line Write a comment
    line Join the conversation
    prefix Posted by
    prefix Comments are closed
    prefix Comments are now closed
    # Teasers of other stories
    line Related stories
    line Related articles
    line Related posts
    line Related links
    line Related content
    line More stories
    line More news
    line More from
    line You might also like
    line You may also like
    line Recommended for you
    line Most popular
    line Most read
    line Read next
    line Top stories
    line Top headlines
    line Around the web
    line From the web
    line Sponsored stories
    line Promoted stories
    prefix Also on
    """
}

extension CleanupLexicon {
    /// Lines that file a post under its categories and tags, written under it by blog
    /// software: a block of the article after its first paragraph that starts with one of
    /// these phrases goes (`FilingLines`). One phrase a line, compared on lower-cased words.
    static let filingLines = """
    This entry was posted
    Bookmark the permalink
    """

    /// Labels that file a post ("Tags: ferry, harbour") but can also open a sentence of the
    /// article ("Tags were fixed to 40 sharks."): they go only in a line that does not read as a
    /// sentence (`FilingLines.labelLine`).
    static let filingLabels = """
    Posted in
    Filed under
    Tags
    Tagged
    """
}

extension CleanupLexicon {
    /// The words a date line may hold besides numbers (`DateLine`): month names and their
    /// abbreviations, weekdays and theirs, ordinal suffixes and the words of a time of day.
    /// Months are marked `month`; one a line as `KIND WORD`, compared lower-cased.
    static let dateWords = """
    month january
    month february
    month march
    month april
    month may
    month june
    month july
    month august
    month september
    month october
    month november
    month december
    month jan
    month feb
    month mar
    month apr
    month jun
    month jul
    month aug
    month sep
    month sept
    month oct
    month nov
    month dec
    day monday
    day tuesday
    day wednesday
    day thursday
    day friday
    day saturday
    day sunday
    day mon
    day tue
    day tues
    day wed
    day thu
    day thur
    day thurs
    day fri
    day sat
    day sun
    part st
    part nd
    part rd
    part th
    part at
    part am
    part pm
    part a
    part p
    part m
    """
}

extension CleanupLexicon {
    /// Links that lead from a summary to the rest of its story: a block that ends in one is a
    /// teaser of another page (`ReadMoreLinks`), worth nothing to the score, as a teaser that
    /// starts with a linked headline is. One phrase a line, compared on lower-cased letters;
    /// built in only. A bare "More" is not one: directories end their entries with it, and
    /// their gold keeps them.
    static let readMoreLinks = """
    Read more
    Continue reading
    Keep reading
    Read on
    Read the rest
    Full story
    Read full story
    Read the full story
    Read full article
    Read the full article
    Read full post
    Read the full post
    """
}
