/**
 * Chicago Manual of Style, notes and bibliography: written for Sourcebook, and a SUBSET of the
 * style — what news articles, magazine pieces, blog posts and web pages need (the sources a note
 * embeds). Books, journals, chapters and legal material are not covered; such items fall back to
 * the web-page form. A source's later notes take the short form (CHICAGO_NOTE_SHORT_CSL below);
 * "ibid." is not produced (the 17th edition prefers the short form).
 *
 * Note:          Ana Silva, “City Council Approves Tram Line,” *Daily Post*, March 14, 2026, https://…
 * Bibliography:  Silva, Ana. “City Council Approves Tram Line.” *Daily Post*, March 14, 2026. https://…
 * Web page:      “Glacier Data.” Climate Blog. Accessed April 1, 2026. https://…
 * Short note:    Silva, “City Council Approves Tram Line.”
 */
export const CHICAGO_NOTE_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" demote-non-dropping-particle="display-and-sort">
  <info>
    <title>Chicago notes and bibliography (news and web subset, Sourcebook)</title>
    <id>sourcebook-chicago-note</id>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <macro name="author-note">
    <names variable="author">
      <name and="text" delimiter=", " delimiter-precedes-last="never"/>
      <label form="short" prefix=", "/>
    </names>
  </macro>
  <macro name="author-bib">
    <names variable="author">
      <name and="text" name-as-sort-order="first" sort-separator=", " delimiter=", " delimiter-precedes-last="always"/>
    </names>
  </macro>
  <macro name="title">
    <text variable="title" text-case="title" quotes="true"/>
  </macro>
  <macro name="container">
    <choose>
      <if type="article-newspaper article-magazine" match="any">
        <text variable="container-title" font-style="italic"/>
      </if>
      <else>
        <text variable="container-title"/>
      </else>
    </choose>
  </macro>
  <macro name="accessed">
    <group delimiter=" ">
      <text term="accessed"/>
      <date variable="accessed" form="text"/>
    </group>
  </macro>
  <macro name="accessed-capitalized">
    <group delimiter=" ">
      <text term="accessed" text-case="capitalize-first"/>
      <date variable="accessed" form="text"/>
    </group>
  </macro>
  <macro name="date-or-accessed">
    <choose>
      <if variable="issued">
        <date variable="issued" form="text"/>
      </if>
      <else>
        <text macro="accessed"/>
      </else>
    </choose>
  </macro>
  <macro name="sort-key">
    <choose>
      <if variable="author">
        <names variable="author">
          <name name-as-sort-order="all" and="text"/>
        </names>
      </if>
      <else>
        <text variable="title"/>
      </else>
    </choose>
  </macro>
  <citation>
    <layout suffix="." delimiter="; ">
      <group delimiter=", ">
        <text macro="author-note"/>
        <text macro="title"/>
        <text macro="container"/>
        <text macro="date-or-accessed"/>
        <text variable="URL"/>
      </group>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort>
      <key macro="sort-key"/>
      <key variable="issued"/>
    </sort>
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="author-bib"/>
        <text macro="title"/>
        <choose>
          <if type="article-newspaper article-magazine" match="any">
            <group delimiter=", ">
              <text macro="container"/>
              <text macro="date-or-accessed"/>
            </group>
          </if>
          <else>
            <text macro="container"/>
            <choose>
              <if variable="issued">
                <date variable="issued" form="text"/>
              </if>
              <else>
                <text macro="accessed-capitalized"/>
              </else>
            </choose>
          </else>
        </choose>
        <text variable="URL"/>
      </group>
    </layout>
  </bibliography>
</style>
`;

/**
 * The short form of a Chicago note, for a source cited again (14.29–14.31): the authors' family
 * names (three at most, then "et al.") and the title. Chicago shortens a title of more than four
 * words to its key words; which words those are is the writer's call (and a news headline's text
 * before a colon is as often a label, "Analysis:", as a main title), so the title is kept whole.
 */
export const CHICAGO_NOTE_SHORT_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" demote-non-dropping-particle="display-and-sort">
  <info>
    <title>Chicago notes, short form (news and web subset, Sourcebook)</title>
    <id>sourcebook-chicago-note-short</id>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <citation>
    <layout suffix="." delimiter="; ">
      <group delimiter=", ">
        <names variable="author">
          <name form="short" and="text" delimiter=", " delimiter-precedes-last="never" et-al-min="4" et-al-use-first="1"/>
        </names>
        <text variable="title" text-case="title" quotes="true"/>
      </group>
    </layout>
  </citation>
</style>
`;
