/**
 * Chicago Manual of Style, author-date: written for Sourcebook, and a SUBSET of the style — news
 * articles, magazine pieces, blog posts and web pages. Other types fall back to the web-page form.
 * Without an author the title takes the author's place; without a date, "n.d.".
 *
 * In the text:  (Silva 2026)
 * Reference:    Silva, Ana. 2026. “City Council Approves Tram Line.” *Daily Post*, March 14, 2026. https://…
 */
export const CHICAGO_AUTHOR_DATE_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="display-and-sort">
  <info>
    <title>Chicago author-date (news and web subset, Sourcebook)</title>
    <id>sourcebook-chicago-author-date</id>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <macro name="title">
    <text variable="title" text-case="title" quotes="true"/>
  </macro>
  <macro name="author-bib">
    <names variable="author">
      <name and="text" name-as-sort-order="first" sort-separator=", " delimiter=", " delimiter-precedes-last="always"/>
      <substitute>
        <text macro="title"/>
      </substitute>
    </names>
  </macro>
  <macro name="author-short">
    <names variable="author">
      <name form="short" and="text" delimiter=", " initialize-with=". "/>
      <substitute>
        <text variable="title" form="short" text-case="title" quotes="true"/>
      </substitute>
    </names>
  </macro>
  <macro name="year">
    <choose>
      <if variable="issued">
        <date variable="issued">
          <date-part name="year"/>
        </date>
      </if>
      <else>
        <text term="no date" form="short"/>
      </else>
    </choose>
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
      <text term="accessed" text-case="capitalize-first"/>
      <date variable="accessed" form="text"/>
    </group>
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
  <citation disambiguate-add-year-suffix="true">
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=" ">
        <text macro="author-short"/>
        <text macro="year"/>
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
        <text macro="year"/>
        <text macro="title"/>
        <choose>
          <if type="article-newspaper article-magazine" match="any">
            <group delimiter=", ">
              <text macro="container"/>
              <date variable="issued" form="text"/>
            </group>
          </if>
          <else>
            <text macro="container"/>
            <text macro="accessed"/>
          </else>
        </choose>
        <text variable="URL"/>
      </group>
    </layout>
  </bibliography>
</style>
`;
