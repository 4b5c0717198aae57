/// The constants of painmap's sentiment rules, each with the reason for its value. Valences are on the
/// lexicon's -4...4 scale; factors multiply a word's valence.
public enum SentimentRules {
    /// How far back (in tokens) negations and modifiers reach: "not at all very good" is too far-fetched,
    /// "not very good" is not.
    public static let lookBack = 3

    /// A negated word keeps part of its strength with the sign flipped: "not good" is mildly negative,
    /// not the opposite of "good"; "not terrible" is faintly positive.
    public static let negationFactor = -0.7
    /// Negated negatives swing less far: "not bad" is faint praise, and "not broken" is barely praise.
    public static let negatedNegativeFactor = -0.45

    /// ALL-CAPS words in text that is not all caps are shouted: "this is NOT OK".
    public static let capsEmphasis = 0.7

    /// Stretched words are felt more: "sooo goood".
    public static let elongationEmphasis = 0.3

    /// Each "!" adds emphasis in the direction the sentence already leans; more than four add nothing.
    public static let exclamationEmphasis = 0.25
    public static let exclamationCap = 4
    /// Two or more "?" in a sentiment-laden sentence read as exasperation or incredulity.
    public static let questionEmphasis = 0.15
    public static let questionCap = 3

    /// Wishes and unreal conditions ("it would be great if it worked", "I wish", "should have") describe what
    /// is missing: in feedback they read negative. Positive words inside them flip to this share of their
    /// strength, and the cue itself counts as a mild complaint.
    public static let irrealisFactor = -0.3
    public static let irrealisCueValence = -0.6

    /// A wish for someone is a greeting, not a wish for what is missing: "wishing you a happy birthday", "wish me
    /// luck", "I wish you all the best", "wishing everyone a merry christmas". A wish cue of
    /// `wellWishCues` followed by one of `wellWishObjects` and then one of `wellWishContinuations` is not an
    /// irrealis cue; "I wish you would fix this" and "wish you guys had a dark mode" still are. The object may also be
    /// one of `wellWishPossessives` and at most `wellWishNounReach` words, none of them one of `wellWishStops`, before
    /// the continuation: "wishing my mom a happy birthday", "wish our team the best of luck". After such an object an
    /// article continues only before a positive word ("my sister a speedy recovery"): "wish my phone had a bigger
    /// battery" and "wish my phone lasted a whole day" still wish for what is missing.
    public static let wellWishCues = ["wish", "wishes", "wishing", "wished"]
    /// Before the irrealis cue "so much for", these make it thanks: "thanks so much for the help", "thank you so much for".
    public static let thanksWords = ["thanks", "thank", "thx", "ty", "you", "u", "love", "appreciate", "it"]
    public static let wellWishPossessives = ["my", "our", "your", "his", "her", "their", "all", "both"]
    public static let wellWishNounReach = 2
    public static let wellWishStops = ["had", "has", "have", "would", "could", "was", "were", "is", "are", "did", "does",
                                       "do", "will", "can", "didn't", "wasn't", "weren't", "wouldn't", "couldn't",
                                       "hadn't", "doesn't", "don't", "isn't", "won't", "can't", "would've", "could've"]
    public static let wellWishObjects = ["you", "u", "ya", "y'all", "everyone", "everybody", "all", "me", "him", "her",
                                         "them", "us", "yall"]
    public static let wellWishContinuations = ["a", "an", "the", "all", "luck", "happy", "merry", "good", "well", "many",
                                               "every", "joy", "success", "safe", "speedy", "lots", "health", "love",
                                               "best", "peace", "nothing", "congratulations", "congrats"]

    /// A wish to see someone is warmth, not a wish for what is missing: "would love to see you guys", "would be great
    /// to see you all again soon!", "I'd love to meet you". A wish cue with one of `meetVerbs` in its clause (at most
    /// `meetReach` words on), then one of `meetObjects`, then the end of the clause or one of `meetEndings`, is not
    /// an irrealis cue. "would love to see you add a dark mode" still is: a verb follows the person.
    public static let meetVerbs = ["see", "meet", "hug", "visit", "catch", "hear"]
    public static let meetObjects = ["you", "u", "ya", "y'all", "yall", "everyone", "everybody", "up"]   // "catch up soon"
    public static let meetEndings = ["again", "soon", "all", "guys", "there", "tonight", "tomorrow", "at", "in", "on",
                                     "next", "this", "later", "sometime", "someday", "x", "xx", "xxx", "up", "play",
                                     "perform", "live", "both", "two", "lot", "more", "from"]
    public static let meetReach = 6

    /// A wish cue after "that" or "this" welcomes what was offered or planned: "that would be amazing!", "yes please,
    /// that would be great", "this would be perfect for camping". It is not an irrealis cue unless the sentence makes
    /// it a condition or names what is missing ("that would be great if it worked", "this would be perfect if it had a
    /// longer cable", "this would be nice to have", "that should have been fixed").
    public static let welcomeSubjects = ["that", "this"]
    public static let welcomeConditions = ["if", "unless", "when", "only", "but", "though", "have", "had", "been",
                                           "fixed", "included", "added"]

    /// "the least helpful": "least" before a sentiment word negates it ("at least" does not).
    /// Fix (session 8): nor does "at least" dampen what follows as the modifier "least" (-0.3) would: "at least" is a
    /// consolation and what follows it is the good part ("Studying for finals but at least there's coffee", "At least
    /// the agent was polite"). The modifier is skipped when "at least" opens a clause (first in the sentence, or after
    /// punctuation, "and" or a connective); "smells great at least lol" looks back, and "least" still dampens "lol".
    public static let leastFactor = -0.7

    /// "never been so happy", "never this good": "never" before "so"/"this" + word emphasises.
    public static let neverSoEmphasis = 1.25
    /// The verbs that may stand between "never" and "so"/"this"/"more": "never felt so good", "food never tasted this
    /// good", "never looked so happy". Fix (session 10): only "been" could, and "never felt so good" read as a complaint.
    public static let neverSoBridges = ["been", "felt", "feel", "looked", "tasted", "sounded", "seemed", "smelled", "smelt",
                                        "played", "worked", "ran", "run"]

    /// Not wanting a bad thing fears it, it does not praise it: "I don't want another charge", "didn't want to renew",
    /// "I don't want another war". A negation right before one of `wantVerbs` does not flip a negative word after
    /// them; the word keeps this share of its strength (a worry, milder than the thing itself). A positive word
    /// after them is negated as before ("I don't want a refund, just a working app" is no praise of a refund). Not
    /// "need": "you don't need to worry", "no need to panic" reassure.
    public static let unwantedFactor = 0.5
    public static let wantVerbs = ["want", "wanna", "wanted", "wants"]

    /// A phrase that opens with a negation, said with an adverb after it ("never really arrived", "not really
    /// worth it", "never even arrived", "never actually shipped"): the phrase still matches ("never arrived"),
    /// and the adverb changes its strength. "even" and "ever" emphasise a negation; every other booster there
    /// softens it by its own scalar, as "not really good" is softer than "not good", but never by more than
    /// this share of the phrase's valence (a hedge does not turn a complaint into a neutral remark).
    public static let negatedPhraseSofteningCap = 0.5
    /// The adverbs that make a negation stronger rather than weaker ("not even once", "never ever again").
    public static let negationEmphasisers = ["even", "ever"]

    /// Everyday mild words (lexicons/en/mild.txt: "ready", "worth", "save", "play", "free", "help", "busy") carry
    /// a faint evaluation when the writer asserts something ("ready for the weekend!", "busy day, so tired"),
    /// but in support text they often name a state, an action or a control the writer asks about: "is my card
    /// ready?", "how do I save my card?", "let me know if it's worth upgrading", "tap Save". There they are not
    /// evaluations, and their valence is multiplied by this (0: they count as neutral words).
    public static let mildUnassertedFactor = 0.0
    /// Wh-words that open a question even without its "?" ("how do i save my card"), unless the sentence has a
    /// "!" or is an exclamation ("how fun is that!", "what a fun day").
    public static let questionWords = ["how", "what", "when", "where", "why", "which", "who", "whose", "whom"]
    /// Auxiliaries that open a question when a subject follows ("is my card ready", "can i play offline");
    /// without a subject they open imperatives and wishes ("have fun", "do try it").
    public static let questionAuxiliaries = ["is", "are", "am", "was", "were", "do", "does", "did", "can", "could",
                                             "will", "would", "should", "shall", "may", "might", "has", "have",
                                             "isn't", "aren't", "doesn't", "don't", "didn't", "can't", "won't",
                                             "wouldn't", "shouldn't", "hasn't", "haven't", "anyone", "anybody"]
    public static let questionSubjects = ["i", "you", "we", "they", "he", "she", "it", "my", "your", "our", "their",
                                          "his", "her", "its", "the", "this", "that", "these", "those", "there",
                                          "anyone", "anybody", "someone", "somebody", "u", "ya", "a", "an", "any"]
    /// Clauses that do not assert what they name, from the cue to the end of the clause: conditions ("tell me
    /// if it's ready", "whether it's worth it"), clauses that set the time of something else ("the form
    /// clears when I save", "once it's ready"), embedded questions ("I'd like to know how to make it faster";
    /// not "how" right before the word: "I love how easy it is" exclaims) and wants and needs ("I want to
    /// upgrade to the family plan", "I need to save my card", "I tried to play it").
    public static let unassertedClauseCues = ["if", "whether", "unless", "incase", "when", "whenever", "once", "until",
                                              "till", "how", "want", "wants", "wanted", "wanna", "need", "needs",
                                              "needed", "try", "tries", "tried", "trying"]
    /// A countdown is not a time clause: "5 more days till vacation", "two sleeps until Christmas!", "3 weeks until
    /// the wedding". One of `countdownCues` right after one of `countdownUnits` does not make what follows unasserted.
    public static let countdownCues = ["till", "til", "until", "'til", "untill"]
    public static let countdownUnits = ["days", "day", "weeks", "week", "hours", "hour", "sleeps", "months", "month",
                                        "minutes", "mins"]
    /// Right before a mild word (or before "be" + a mild word), these make it an action asked for, planned or
    /// possible, or the name of a control, not a verdict: "need to save", "can i play", "will be ready",
    /// "please save", "tap save", "hit play". Negated modals ("can't", "won't") are not here: "the video
    /// won't play" is a complaint, read through the negation rule.
    public static let mildActionMarkers = ["to", "can", "could", "will", "would", "should", "shall", "may", "might",
                                           "must", "gonna", "wanna", "please", "pls", "plz", "click",
                                           "clicked", "clicking", "tap", "tapped", "tapping", "press", "pressed",
                                           "pressing", "hit", "select", "selected", "choose", "i'll", "it'll",
                                           "you'll", "we'll", "they'll"]

    /// Pleasant everyday things and occasions (lexicons/en/stakes.txt: "pizza", "beach", "concert", "weekend",
    /// "birthday") glow faintly in a post ("pizza night!", "beach day with friends"), but in a sentence that
    /// complains they are what the complaint is about: "my birthday cake arrived squashed", "the concert was
    /// cancelled", "cold pizza again", "raining on the one day I planned a picnic". In a sentence with any negative
    /// contribution, their positive contributions are multiplied by this (0: the complaint speaks alone). They are
    /// mild words as well (not counted in questions and conditions: "do you deliver on weekends?").
    public static let stakeInComplaintFactor = 0.0
    /// A contrast turns from the complaint to the pleasant thing: "Studying for finals but at least there's coffee",
    /// "Bit chilly this morning but the sun is out", "Cold outside but the hot chocolate makes up for it". When every
    /// stake of a sentence stands in the clause a contrast gives more weight (after "but"), and every negative
    /// contribution in the clause it gives less (before "but"), the pleasant thing is not what the complaint is about
    /// but what answers it: its glow is multiplied by this instead of `stakeInComplaintFactor` (1: it counts in full,
    /// with the contrast's weight). "The food was great but the pizza was cold" still yields: the complaint is after
    /// the turn, with the stake. A negation of no sentiment word, a wish cue or an expletive in the sentence makes
    /// it yield as before (the complaint is then not only before the turn, or not measured so).
    public static let stakeAfterTurnFactor = 1.0

    /// A negation or a modifier reaches back over no "and" (`negationStopWords`): in "Lazy Saturday, no plans and loving
    /// it", "the screen doesn't turn on and slow to charge" the negation negates the words before "and", not the
    /// conjunct after it ("no plans" is then a negation of no sentiment word). A booster already stopped there when
    /// the conjunct before "and" had a sentiment word ("very fast and easy": "fast" owns "very").
    public static let negationStopWords = ["and"]

    /// A negation that negates no sentiment word ("my card doesn't work with the app", "the parcel never came",
    /// "nobody called back", "no pedals in the box", "can't log in") still says something is missing or failing:
    /// the core of a complaint, and of a glum post ("nobody texts me anymore"). It counts as this mild negative,
    /// once per such negation, where the writer asserts it (not in questions, conditions or wants: "why can't I
    /// log in?", "if it doesn't arrive by Friday"; the mild words' test). A negation within the negation rule's
    /// reach of a sentiment word or phrase is that word's ("not good", "never arrived").
    public static let bareNegationValence = -0.5

    /// An eye roll says the praise beside it is sarcasm: "Got a parking ticket, awesome 🙄", "Great service 🙄",
    /// "Rain all weekend, great 🙄". In a sentence with one of these, positive contributions are multiplied by
    /// `sarcasmFactor` (their sign flips; weaker than the praise, as a sneer is weaker than a plain complaint).
    /// Not 🙃 or 👏: as often playful or sincere as sarcastic.
    public static let sarcasmMarkers = ["🙄", "😒"]
    public static let sarcasmFactor = -0.5

    /// Praise that opens a sentence on its own, cut off by a comma, before a complaint is said through clenched
    /// teeth: "Great, the wifi is down again", "Fantastic, my laptop died mid-exam", "Oh great, another Monday",
    /// "Just what I needed, a flat tyre". So is "love it when" / "love how" before a complaint: "Love it when the
    /// train is late", "love how the app logs me out every day". In a sentence that opens so, has a negative
    /// contribution after the opener and no contrast ("Great food, but the service was slow" weighs its parts by
    /// the contrast rule instead; a love opener sneers across a contrast too: "love how support closes my ticket in a
    /// day but takes 2 weeks to reply"), positive contributions are read as `sarcasmFactor` of themselves, as with an
    /// eye roll. Only evaluative interjections: a greeting or a thanks before a complaint ("Hi, my card doesn't
    /// work", "Thanks, the parcel never came") is politeness, not sarcasm. Each entry is lower case, words apart.
    public static let sarcasticCommaOpeners = ["great", "wonderful", "fantastic", "perfect", "brilliant", "lovely",
                                               "awesome", "amazing", "nice", "super", "fabulous", "marvellous",
                                               "marvelous", "terrific", "excellent", "cool", "yay", "oh great",
                                               "oh wonderful", "oh perfect", "oh brilliant", "oh nice", "oh lovely",
                                               "oh good", "oh goody", "just great", "just perfect", "just brilliant",
                                               "just wonderful", "just what i needed", "just what i need",
                                               "exactly what i needed", "thanks a lot", "thanks so much", "gee thanks",
                                               "well done", "good job", "great job", "nice one", "love it", "love that",
                                               "how lovely", "how nice", "how wonderful"]
    /// Openers that need no comma: what follows them is what is "loved".
    /// Fix (session 8): not after "nothing like" (`sincereWhenPositiveOpeners`) when the first sentiment word after
    /// the opener is positive: then what is "loved" is a good thing and the complaint is its setting, "Nothing like a
    /// cup of tea after a long day", "nothing like a hot shower after a cold run". "Nothing like a 2 hour delay to
    /// start the week" is still sarcasm. Not the other love openers: "love it when my favourite app crashes" sneers.
    public static let sarcasticLoveOpeners = ["love it when", "i love it when", "love how", "i love how",
                                              "gotta love", "got to love", "you gotta love", "don't you just love",
                                              "dont you just love", "nothing like",
                                              "who doesn't love", "who doesnt love"]
    public static let sincereWhenPositiveOpeners = ["nothing like"]
    /// Praise of a deed right before a bad deed is a sneer at it: "great job losing my package again", "thanks for
    /// ruining my weekend", "nice work breaking the app". One of these, anywhere in a sentence, directly followed by a
    /// word of negative valence reads the sentence's praise as sarcasm (`sarcasmFactor`). "great job fixing it" and
    /// "thanks for the help" are sincere. Each entry is lower case, words apart, and its first word has a positive
    /// valence in sentiment.tsv (the rule looks only at positive words: not "well done", "way to").
    public static let sarcasticDeedOpeners = ["great job", "good job", "nice job", "nice work", "great work",
                                              "thanks for", "thank you for", "nice going", "good going",
                                              "congrats on", "congratulations on"]
    /// A negative phrase of phrases.tsv that opens with one of these ("said no one", "says no one ever") marks the
    /// praise of its sentence as sarcasm, as an eye roll does: "best customer service ever, said no one". So does one
    /// that says the praise has ended ("until the update"): "it was great until the update", or that its condition never
    /// holds ("which is never"): "the app is great when it works, which is never".
    public static let sarcasmPhraseOpeners = ["said", "says", "until", "which"]
    /// A question that opens with a negated auxiliary and one of `agreementSubjects` asks the reader to agree, and
    /// says what it asks: "isn't this the best day ever?", "aren't they adorable?", "don't you love this song?",
    /// "wasn't that amazing?", and "isn't it awful?" on the other side. Its negation negates nothing. Not with
    /// another subject ("isn't there a better way?" still complains) nor without a "?" ("isn't this great" stays
    /// negated: the writer may be answering).
    public static let agreementSubjects = ["this", "that", "it", "he", "she", "they", "these", "those", "you", "u", "we",
                                           "ya"]

    /// Praise before something bad that has ended is relief, not sarcasm: "Awesome, I passed that horrible test", "Nice,
    /// finally done with this stupid exam", "Cool, the broken heater got fixed today". A sentence with one of these
    /// after its opener is not read as sarcasm. Not "gone", "stopped", "missed" or "beat", which as often tell the bad
    /// thing itself ("Great, my wallet is gone", "Great, my phone stopped working", "Great, missed my train"), nor
    /// "passed" alone ("the delivery window has already passed"). Each entry is lower case, words apart.
    public static let reliefCues = ["finally", "fixed", "i passed", "we passed", "survived", "solved", "sorted", "resolved",
                                    "recovered", "cured", "relieved", "phew", "whew"]

    /// A post that says nothing evaluative but exclaims its news is excited about it: "We bought a house!",
    /// "He proposed!!!", "got the internship!!", "Just signed the lease on my first apartment!". When a document
    /// has no sentiment contribution at all, no "?" anywhere, and its first sentence has a "!" (and is not a
    /// request, a complaint told as a fact or a question: `exclaimedNewsRequestWords`, `exclaimedNewsComplaintWords`,
    /// `questionWords`), that sentence counts this valence,
    /// plus the usual emphasis for each "!" (`exclamationEmphasis`, up to `exclamationCap`). First sentence only:
    /// in support text a "!" later on a neutral line is exasperation ("...took three days. Three days!",
    /// "I verified it months ago!"), and the complaint sentence before it usually has no lexicon word either.
    /// Worth about one mild word (+0.9): excitement, not praise of anything.
    public static let exclaimedNewsValence = 0.9
    /// Words that make an exclaimed sentence a request or an order, not news: "Please add PayPal to the app!",
    /// "Let me set a default address!", "Tell me what's going on!", "Fix this!". Anywhere for please/pls/plz,
    /// first word for the verbs.
    public static let exclaimedNewsRequestWords = ["please", "pls", "plz", "pleeease", "kindly"]
    /// Words that make an exclaimed sentence a complaint told as a fact: dealings with a company and time gone by
    /// ("I ordered it on Monday!!!", "I verified it months ago!", "I've called twice!", "still waiting!").
    /// Anywhere in the sentence. Not "days" or "hours": "Beat the final boss after 3 days!!" is pride.
    public static let exclaimedNewsComplaintWords = ["ordered", "order", "paid", "charged", "refund", "refunded", "called",
                                                     "rang", "emailed", "waited", "waiting", "asked", "requested",
                                                     "returned", "reported", "complained", "cancelled", "canceled",
                                                     "ago", "since", "still", "already", "yet", "again", "twice", "times"]
    public static let exclaimedNewsRequestOpeners = ["let", "tell", "give", "fix", "stop", "send", "make", "add",
                                                     "bring", "check", "call", "email", "reply", "refund", "cancel",
                                                     "help", "restock", "return", "answer", "sort", "change",
                                                     "remove", "delete", "don't", "dont", "do", "never", "no", "not"]

    /// Slang praise (SentimentScorer+Banter): these words are dark or rude in their first sense, but said of a thing
    /// people rave about (lexicons/en/raves.txt: a song, a goal, a show, a meal, a workout) they are praise: "this beat
    /// is sick", "that goal was insane", "killer workout", "the view is unreal". Not "filthy", "nasty" or "ridiculous":
    /// "the car was filthy", "the pizza was nasty" and "the price of the show is ridiculous" are complaints. Said of
    /// anything else they keep their sense: "the wait was insane", "my kid is sick", "the killer was caught".
    public static let ravePraiseWords = ["sick", "insane", "crazy", "killer", "wicked", "mental", "nuts", "savage",
                                         "beast", "bonkers", "mad"]
    /// The praise such a word reads as before emphasis (caps, stretching, boosters): about "cool" or "awesome".
    public static let ravePraiseValence = 2.0
    /// How many words back the rave noun may stand, in the word's clause: "that goal was insane" (2), "the view
    /// from up here is insane" (5). Said of it with one of `raveCopulas` between: "that beat is sick", not "the
    /// food made me sick".
    public static let raveNounReach = 5
    public static let raveCopulas = ["is", "was", "are", "were", "be", "been", "being", "'s", "looks", "looked",
                                     "sounds", "sounded", "seems", "seemed", "gets", "got", "looking", "sounding"]

    /// Expletives that say how strongly the writer feels, not that anything is bad: "holy shit we won", "damn, what a
    /// night", "hell yes, congrats", "fuckin love this". In a sentence whose other contributions are all positive
    /// (and there is one), their negative contributions are multiplied by `banterInPraiseFactor`; next to a complaint
    /// they keep it ("damn, missed it by a minute"). Not the slang adjectives ("crazy", "insane"): beside a faint
    /// positive word they still judge ("that sounds crazy").
    public static let banterIntensityWords = ["shit", "crap", "fuck", "fucking", "fuckin", "effing", "damn", "dammit",
                                              "damnit", "dang", "darn", "hell", "heck", "bloody", "omfg"]
    /// Hyperbole that laughs: "I'm dying lol", "crying 😂", "I'm dead lmao", "screaming at this 🤣", "😭😭 lmao". In a
    /// post with one of `laughterWords` (or a laughing emoji, or "hahaha" of any length), their negative
    /// contributions are multiplied by `banterInPraiseFactor` when the writer says it of themself: the word opens
    /// its sentence or one of `laughFirstPerson` stands at most `lookBack` words before it. Otherwise they keep their
    /// sense ("my phone is dead lol", "the cat died", "crying at the airport").
    public static let laughHyperboleWords = ["dying", "dead", "ded", "died", "die", "crying", "cryin", "cry", "cried",
                                             "tears", "screaming", "screamin", "scream", "screamed", "wheezing", "weak",
                                             "sobbing", "😭", "💀", "☠️"]
    public static let laughFirstPerson = ["i", "i'm", "im", "i've", "ive", "me", "am", "i'd"]
    /// Fix (session 11): "you're killing me 😂", "lmao this is killing me": one of `laughKillWords` right before "me", with
    /// one of `laughKillSubjects` at most two words before it, is laughing hyperbole too (in a post that laughs). "my back
    /// is killing me lol" has no such subject and keeps "killing".
    public static let laughKillWords = ["killing", "kills", "killed", "killin"]
    public static let laughKillSubjects = ["you", "you're", "youre", "ur", "u", "ya", "this", "that", "that's", "thats",
                                           "it's", "he's", "she's", "y'all", "yall"]
    public static let laughterWords = ["lol", "lolol", "lool", "lmao", "lmfao", "rofl", "roflmao", "haha", "hahah",
                                       "hahaha", "hehe", "hihi", "xd", "😂", "🤣", "😹", "😆", "😅"]
    /// What banter counts for where it is banter: nothing.
    public static let banterInPraiseFactor = 0.0

    /// A negated comparative says nothing tops it: "never been happier", "couldn't be prouder", "could not be more
    /// excited", "can't get any better", "no better way to spend a Sunday", and "never felt worse", "couldn't be
    /// more disappointed" on the other side. The negation (one of `topNegations`; "not" only after one of `topModals`:
    /// "could not be happier") stands before the comparative with only `topBridges` between ("been", "be", "felt",
    /// "any"), and the comparative is "better", "worse", a word in -er/-ier of a lexicon word ("happier", "prouder")
    /// or any sentiment word after "more". It is not negated but emphasised, as "never so good" is
    /// (`neverSoEmphasis`). Not "no better than" ("no better than before" complains) nor "no better" at the end
    /// of a clause ("it's no better"): "no" needs a word after the comparative, not "than".
    /// Fix (session 11): "it doesn't get any better than this", "life doesn't get much better than that" (and "does not
    /// get", after one of `topModals`) say nothing tops this; but only with "than" and one of `topThanObjects` after the
    /// comparative (`topNeedsThan`): "it doesn't get any better" and "I don't feel any better than yesterday" complain.
    /// "nobody does it better", "nobody makes pizza better than my dad": "nobody" with one of `bestDoerVerbs` right
    /// after it and a comparative within the look-back; "nobody felt better" is still negated.
    public static let topNegations = ["never", "can't", "cant", "cannot", "couldn't", "couldnt", "not", "no",
                                      "doesn't", "doesnt", "don't", "dont", "nobody"]
    public static let topModals = ["can", "could", "does", "do"]
    public static let topNeedsThan = ["doesn't", "doesnt", "don't", "dont", "does", "do"]
    public static let topThanObjects = ["this", "that", "these", "those"]
    public static let bestDoerVerbs = ["does", "do", "did", "makes", "make", "made", "cooks", "bakes", "plays", "sings",
                                       "can", "could"]
    public static let topBridges = ["be", "been", "have", "felt", "feel", "looked", "sounded", "tasted", "had", "seen",
                                    "ever", "get", "any", "more", "much"]

    /// Not since long ago is praise (or blame) of now: "I haven't laughed this hard in ages", "haven't smiled this much in
    /// years", "haven't been this happy in a long time", "hadn't felt so relaxed since the summer", and "haven't been
    /// this disappointed in years". A negated sentiment word with one of `longTimeDegrees` between the negation and it
    /// or at most `longTimeDegreeReach` words after it, and then, at most `longTimeDegreeReach` + `longTimeSpanReach`
    /// words after the word, "since" or "in" with one of `longTimeSpans` at most `longTimeSpanReach` words after "in"
    /// ("in ages", "in a long time", "in so long"), is not negated but emphasised, as "never so good" is (`neverSoEmphasis`). "I haven't been happy in
    /// years" (no degree word) and "haven't used it this week" (no span) are still negated.
    public static let longTimeDegrees = ["this", "so", "that"]
    public static let longTimeDegreeReach = 2
    public static let longTimeSpans = ["ages", "age", "years", "yrs", "months", "weeks", "forever", "decades", "while",
                                       "time", "eons", "life", "lifetime", "ever", "long"]
    public static let longTimeSpanReach = 3

    /// Openers of an exclamation, not a question: "What a game!!", "What a night!", "What an ending!!!". A first
    /// sentence so opened, with a "!" and nothing evaluative in the post, is exclaimed news (`exclaimedNewsValence`):
    /// said of something bad it has a sentiment word and the rule does not speak ("What a mess!", "what a waste!").
    public static let exclamativeOpeners = ["what a", "what an"]

    /// A negated expectation in the past reports a surprise, and what follows it is asserted: "didn't expect to love it
    /// this much", "never thought I'd enjoy a musical", "wasn't expecting it to be this good", "didn't expect it to
    /// break so soon". One of `surpriseNegations` right before one of `surpriseVerbs`, with one of `surpriseLinks`
    /// between the verb and the word, negates nothing after it. Not in the present ("I don't think it's good", "don't
    /// expect it to last"), nor a past opinion said without a look ahead ("I didn't think it was good" says no).
    public static let surpriseVerbs = ["expect", "expected", "expecting", "think", "thought", "imagine", "imagined",
                                       "realise", "realised", "realize", "realized", "know", "knew", "believe"]
    public static let surpriseNegations = ["didn't", "didnt", "never", "wasn't", "wasnt", "weren't", "werent", "hadn't",
                                           "hadnt"]
    public static let surpriseLinks = ["to", "would", "could", "i'd", "id", "it'd", "you'd", "we'd", "he'd", "she'd",
                                       "they'd", "that'd"]

    /// A win told with a verb of violence is praise of the win: "we destroyed them 5-0", "thrashed them 4-0 😂", "we
    /// absolutely hammered them". One of `victoryVerbs` with "we" (`victorySubjects`) at most two words before it, or
    /// with a score ("4-0") at most `victoryScoreReach` tokens after it, reads as `victoryValence`. Not after a passive
    /// (`victoryPassives`: "we got destroyed 5-0", "they were hammered") and not without "we" or a score ("the storm
    /// destroyed them", "the courier crushed it").
    public static let victoryVerbs = ["destroyed", "thrashed", "hammered", "crushed", "smashed", "demolished", "battered",
                                      "annihilated", "routed", "thumped", "whooped", "whipped", "wrecked", "trounced",
                                      "obliterated", "slaughtered", "murdered", "spanked", "pummelled", "pummeled",
                                      "steamrolled", "humiliated", "embarrassed"]
    public static let victorySubjects = ["we", "we've", "weve", "we'd"]
    public static let victoryPassives = ["got", "get", "gets", "getting", "was", "were", "been", "be", "being", "is",
                                         "are", "am", "by"]
    public static let victoryScoreReach = 5
    /// The writer's side as the object: a loss ("they destroyed us 3-0", "thrashed our lads 4-0").
    public static let victoryLosers = ["us", "me", "my", "our"]
    /// About "won" (+2.3).
    public static let victoryValence = 2.0

    /// A name inside running text holds words, not feelings: "finally watching Breaking Bad", "the new Daft Punk
    /// album", "queued for the Dark Knight", "my app is on the Play Store". A sentiment word that is Title
    /// Case (first letter upper case, the rest not), in a run of two or more Title Case words that follows a lower-case
    /// word of the same sentence, reads as part of the name: no valence. A run at the start of a sentence or after
    /// other capitals is not a name by this rule ("Great Product, Fast Shipping", "Terrible Customer Service", "I Love
    /// This"): capitals there are how the writer titles or shouts. Nor is a run that opens with one of
    /// `nameRunFormulaOpeners` or holds one of `nameRunEmphasisWords`: people capitalise wishes, thanks and verdicts
    /// inside a sentence ("wishing my mom a Happy Birthday", "omg Thank You", "today was the Worst Day Ever").
    public static let nameRunFormulaOpeners = ["happy", "merry", "thank", "thanks", "thx", "good", "great", "congrats",
                                               "congratulations", "well", "love", "miss", "sweet", "god", "bless", "rest",
                                               "nice", "awesome", "amazing", "epic", "so", "very", "really", "totally",
                                               "absolutely", "best", "worst", "no", "not", "never", "shut", "oh", "omg"]
    public static let nameRunEmphasisWords = ["ever", "again"]
    /// Lower-case words inside a name, at most `nameRunConnectorReach` in a row between two Title Case words: "Dumb and
    /// Dumber", "Lord of the Flies", "Death Cab for Cutie". A single Title Case word after "the" is a name too ("the
    /// Killers are touring again"), unless it is a superlative ("the Greatest").
    public static let nameRunConnectors = ["and", "of", "the", "for", "in", "on", "to", "a", "an", "at", "&", "n", "'n'"]
    public static let nameRunConnectorReach = 2

    /// A greeting is neutral only where it greets (SentimentScorer+Greeting, session 11): "good" + one of `greetingTimes`
    /// is a name of 0 in phrases.tsv ("Good morning, my card was declined"), but where it does not greet its words score:
    /// after a word in its clause (back to a punctuation mark) other than `greetingLeads` and mentions ("exhausted but good day", "it was a good
    /// day", "what a good morning"), or before one of `greetingNotFollowers` ("good day at the beach", "good morning so
    /// far"). "Hi all, good morning", "@sam good morning!", "have a good day", "a very good evening to you" still greet.
    public static let greetingTimes = ["morning", "afternoon", "evening", "day"]
    public static let greetingLeads = ["hi", "hello", "hey", "heya", "hiya", "yo", "and", "oh", "very", "have", "a", "you", "u",
                                       "ya", "all", "everyone", "everybody", "guys", "folks", "rt"]
    public static let greetingNotFollowers = ["today", "overall", "at", "with", "so", "yesterday", "for", "of", "in", "on",
                                              "out", "off", "ahead", "was", "is", "though", "tho", "but", "despite",
                                              "after", "spent"]

    /// "It's not like it was terrible", "it wasn't like I hated it", "it's not like you care" (SentimentScorer+NotLike,
    /// session 11): one of `notLikeNegations`, or "not" after one of `notLikeCopulas`, then "like" (a preposition: not
    /// after "I", "don't", ...) and one of `notLikeSubjects` deny the clause that follows: its first sentiment word or
    /// phrase is negated, as after "not". "I do not like it" (no copula) and "it's not like the picture" (a phrase of
    /// phrases.tsv) are not this.
    public static let notLikeNegations = ["isn't", "isnt", "wasn't", "wasnt", "ain't", "aint"]
    public static let notLikeCopulas = ["it's", "its", "is", "was", "that's", "thats", "it"]
    public static let notLikeSubjects = ["it", "i", "i'm", "im", "i've", "the", "we", "they", "he", "she", "you", "u",
                                         "this", "that", "my", "there", "it's", "its", "we're", "they're", "you're",
                                         "he's", "she's", "anyone", "anybody", "someone", "our", "your", "their", "his",
                                         "her", "a", "an"]

    /// A dark word before "how" and a praise is emphasis (SentimentScorer+HowIntensity, session 11): "it's ridiculous how
    /// good these tacos are", "crazy how fast she picked it up", "disgusting how talented he is". One of
    /// `howIntensityWords` with a negative valence, right before "how", whose clause's first sentiment word or phrase at
    /// most `howIntensityReach` tokens after "how" is positive, counts for nothing. "it's ridiculous how slow the app
    /// is" and "insane how expensive it got" keep the dark word.
    public static let howIntensityWords = ["ridiculous", "crazy", "insane", "disgusting", "obscene", "scary", "stupid",
                                           "sick", "nuts", "absurd", "silly", "mental", "unbelievable"]
    public static let howIntensityReach = 4
    /// The mirror of it: wonder before "how" and a complaint is the complaint's emphasis (SentimentScorer+HowIntensity):
    /// "amazing how a company this big can be this bad at customer service", "funny how the refund takes weeks". One of
    /// these right before "how", whose clause's first sentiment word or phrase is negative, counts for nothing.
    /// "amazing how fast it arrived" keeps its praise.
    public static let wonderHowWords = ["amazing", "incredible", "impressive", "funny", "interesting", "great", "wonderful",
                                        "fascinating", "remarkable", "astonishing", "astounding", "lovely", "nice", "cool"]

    /// Normalization of the summed valence into a compound score in (-1, 1): s / sqrt(s^2 + alpha).
    /// With 15, one clearly positive word (+2) scores about 0.46 and three such words about 0.84.
    public static let normalizationAlpha = 15.0

    /// A document identified as another language with at least this confidence is not scored with this
    /// lexicon (its result is neutral and marked unscored); below it, short or mixed texts are still scored.
    public static let otherLanguageConfidence = 0.5
    /// Short English posts can look like another language to the identifier, which counts function words only:
    /// "ha ha that's brilliant" is Spanish to it ("ha" = has). Such a document is scored after all when its English
    /// evidence outweighs the other language's: each English sentiment word that is not a function word of that
    /// language, and each "ha" or "he" beside another (`laughSyllables`: a laugh, not a verb; not "ja ja", a Spanish laugh), against each of its
    /// function words. Not when it has letters of that language ("ñ", "ü", "é"): "Das Bad war hell und die Küche
    /// war fast neu" stays German though "bad", "hell" and "fast" are English words.
    public static let laughSyllables = ["ha", "he"]

    /// Labels: compound >= 0.05 is positive, <= -0.05 negative, in between neutral.
    public static let labelThreshold = 0.05
}
