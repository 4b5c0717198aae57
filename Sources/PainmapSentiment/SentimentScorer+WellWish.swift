import PainmapText

extension SentimentScorer {
    /// Whether the irrealis cue at `i` opens a greeting ("wishing you a happy birthday", "wish me luck"):
    /// `SentimentRules.wellWishCues` + an object + a continuation; or a wish to meet, a welcome of an offer, or thanks
    /// ("thanks so much for"), which are no wish for what is missing either. Asked only where an irrealis cue matched
    /// (a few times per thousand tokens), so the look-ups by string cost nothing measurable.
    @inline(never)
    func isWellWish(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard i + 2 < range.upperBound else { return false }
        let v = analyzer.vocabulary
        if SentimentRules.wellWishCues.contains(v.string(tokens[i].form)) {
            if SentimentRules.wellWishObjects.contains(v.string(tokens[i + 1].form))
                && SentimentRules.wellWishContinuations.contains(v.string(tokens[i + 2].form)) { return true }
            if isPossessiveWellWish(at: i, in: range, tokens) { return true }
        }
        return isWishToMeet(at: i, in: range, tokens) || isWelcomeOfAnOffer(at: i, in: range, tokens) || isThanks(at: i, in: range, tokens)
    }

    /// "thanks so much for the help", "thank you so much for": the cue "so much for" after a thanks
    /// (`SentimentRules.thanksWords`) is gratitude, not a promise that failed ("so much for fast delivery").
    private func isThanks(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard i > range.lowerBound else { return false }
        let v = analyzer.vocabulary
        guard v.string(tokens[i].form) == "so" else { return false }
        return SentimentRules.thanksWords.contains(v.string(tokens[i - 1].form))
    }

    /// "wishing my mom a happy birthday", "wish all my friends a merry christmas": one or two of
    /// `SentimentRules.wellWishPossessives`, one to `wellWishNounReach` words that are not `wellWishStops`, then one
    /// of `wellWishContinuations`: an article only before a positive word, and not "all" or "best", which also start
    /// what is missing ("wish my phone had all the features").
    private func isPossessiveWellWish(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        let v = analyzer.vocabulary
        var k = i + 1
        var owners = 0
        while k < range.upperBound, owners < 2, tokens[k].kind == .word,
              SentimentRules.wellWishPossessives.contains(v.string(tokens[k].form)) { k += 1; owners += 1 }
        guard owners > 0, k < range.upperBound, tokens[k].kind == .word else { return false }
        var j = k + 1   // the object has at least one word
        while j < min(range.upperBound, k + 1 + SentimentRules.wellWishNounReach), tokens[j].kind == .word {
            let s = v.string(tokens[j].form)
            if s == "a" || s == "an" || s == "the" {
                guard j + 1 < range.upperBound, let next = valence(of: tokens[j + 1]) else { return false }
                return next > 0
            }
            if s != "all", s != "best", SentimentRules.wellWishContinuations.contains(s) { return true }
            if SentimentRules.wellWishStops.contains(s) { return false }
            j += 1
        }
        return false
    }

    /// Whether the wish at `i` welcomes something offered or planned: "that would be amazing!", "yes please, that
    /// would be great", "this would be perfect for camping". The cue follows one of `SentimentRules.welcomeSubjects`
    /// and nothing in the sentence makes it a condition (`welcomeConditions`: "that would be great if it worked").
    private func isWelcomeOfAnOffer(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard i > range.lowerBound else { return false }
        let v = analyzer.vocabulary
        guard SentimentRules.welcomeSubjects.contains(v.string(tokens[i - 1].form)) else { return false }
        return !(i + 1..<range.upperBound).contains { k in
            tokens[k].kind == .word && SentimentRules.welcomeConditions.contains(v.string(tokens[k].form))
        }
    }

    /// Whether the wish at `i` is to see someone ("would love to see you guys", "would be great to see you all
    /// again soon", "I'd love to meet you!"): one of `SentimentRules.meetVerbs` in the wish's clause, then one of
    /// `meetObjects`, then the end of the clause or one of `meetEndings`. "would love to see you add a dark mode"
    /// still wishes for what is missing.
    private func isWishToMeet(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        let v = analyzer.vocabulary
        var k = i + 1
        while k + 1 < range.upperBound, k <= i + SentimentRules.meetReach {
            let t = tokens[k]
            guard t.kind == .word else { return false }
            if SentimentRules.meetVerbs.contains(v.string(t.form)), SentimentRules.meetObjects.contains(v.string(tokens[k + 1].form)) {
                guard k + 2 < range.upperBound else { return true }
                let next = tokens[k + 2]
                return next.kind != .word || SentimentRules.meetEndings.contains(v.string(next.form))
            }
            k += 1
        }
        return false
    }
}
