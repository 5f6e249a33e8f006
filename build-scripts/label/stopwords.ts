/**
 * Compact English stop-word list (function words, pronouns, auxiliaries, common contractions),
 * close to the classic SMART/sklearn core but without content words such as "fire" or "bill"
 * that sklearn's list drops and that can be legitimate movie themes.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against ago all almost along already also although always am among an
  and another any anyone anything are aren't around as at away be became because become been before
  being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
  don't done down during each either else even ever every everyone everything few for from further
  had hadn't has hasn't have haven't having he he'd he'll he's her here hers herself him himself his
  how however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let let's
  many may me might mine more most much must my myself neither never no nor not nothing now of off
  often on once one only onto or other others otherwise our ours ourselves out over own per perhaps
  quite rather really same several shall she she'd she'll she's should shouldn't since so some
  someone something sometimes somewhere still such than that that's the their theirs them
  themselves then there there's these they they'd they'll they're they've this those though through
  throughout thus till to together too toward towards under until up upon us very via was wasn't we
  we'd we'll we're we've were weren't what what's whatever when whenever where whether which while
  who who's whoever whole whom whose why will with within without won't would wouldn't yet you
  you'd you'll you're you've your yours yourself yourselves`.split(/\s+/).filter(Boolean)
);

/**
 * Words that are frequent in synopses but say nothing about a micro-genre ("a film that tells
 * the story of…", "a young man meets…"). They may sit inside a phrase but never start or end
 * one. Chosen from a labelling run on TMDB 5000, where MMR at diversity 0.7 kept picking them
 * as "diverse" keywords. Proper names written in capitals ("Iron Man", "New York") and TMDB
 * keywords may still start or end with them (see candidates.ts).
 */
export const DOMAIN_STOP_WORDS: ReadonlySet<string> = new Set(
  `film films movie movies story stories tale tells told follows finds find found must becomes
  get gets got getting take takes taking make makes made go goes going come comes came begin begins
  began try tries trying decide decides discover discovers realize realizes learn learns soon later
  eventually back way thing things lot lots part set sets based turns turn meets meet falls looks
  returns return left leaves leave lives wants needs help helps tries starts gives brings keeps
  uses ends seems former true new old young first second last two three four five six great
  man men woman women people person guy`.split(/\s+/).filter(Boolean)
);

/** TMDB keywords that describe the production or credits, not the film's content. */
export const BLOCKED_KEYWORDS: ReadonlySet<string> = new Set([
  'duringcreditsstinger', 'aftercreditsstinger', 'woman director', 'independent film',
  'based on novel', 'based on comic book', 'based on true story', 'sequel', 'remake', '3d'
]);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token) || DOMAIN_STOP_WORDS.has(token);
}
