/*
 * sourcebook_bm25(): FTS5's bm25, with the document count of each phrase supplied by the caller.
 *
 * FTS5's own bm25() counts the documents of every phrase of the query once per statement, by
 * walking the phrase's whole doclist (xQueryPhrase): about 10 ms for a word found in most of
 * 100,000 articles, paid again by every search that ranks it, and by every keystroke of
 * search-as-you-type. The search service keeps those counts instead (it counts a phrase once, then
 * only the documents added since: main/services/search/phrase-doc-counts.ts) and passes them here,
 * so a ranking statement reads only the rows it ranks.
 *
 *   sourcebook_bm25(fts_table, counts, weight0, weight1, ..., 'fts_table')
 *
 * `counts` is text: one entry per phrase of the MATCH expression, in the order FTS5 numbers them
 * (their order in the query), separated by spaces; each a document count, "-" or "x". A phrase with
 * "-", or every phrase when `counts` is NULL or has the wrong number of entries, is counted the way
 * bm25() counts it. A phrase with "x" is left out of the score (weight 0, never counted): a search
 * may match with phrases it does not rank by (run-type.ts). The weights are per column, as bm25()'s.
 * The table's name, last and optional, lets it keep its documents' lengths between statements (see
 * SizeCache below). The score is bm25()'s: the same formula (k1 = 1.2, b = 0.75) in the same order
 * of operations, so equal counts give equal scores to the last bit (main/db/rank-extension.test.ts).
 *
 * The same extension adds the rowid bitmaps search filters use (sourcebook_rowids, sourcebook_has)
 * and a snippet function that reads a document only as far as its snippet (sourcebook_snippet), and
 * the words and word pairs of a text as the word indexes tokenize it (sourcebook_words,
 * sourcebook_pairs): below.
 *
 * Built by scripts/build-sqlite-ext.mjs (npm install runs it); loaded by main/db/rank-extension.ts.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

#define K1 1.2
#define B 0.75

typedef struct SizeTable SizeTable;

/* What one statement computes once: per phrase its idf, and the average document length. */
typedef struct RankData {
  int nPhrase;
  double avgdl;
  double *aIdf;  /* nPhrase; 0 for a phrase left out */
  double *aFreq; /* nPhrase: scratch, per row */
  int nCol;
  double *aWeight; /* nCol */
  SizeTable *pSizes;      /* the kept lengths of this table's documents, or NULL */
  unsigned int generation; /* the cache's when pSizes was taken: pSizes is stale once it differs */
  sqlite3_stmt *pLoader;  /* reads a block of them from %_docsize; made at the first block */
} RankData;

/*
 * Document lengths kept between statements, per connection.
 *
 * bm25 weighs a match by the length of its document. FTS5 reads that length from the table's
 * %_docsize for every row it ranks, one lookup statement per row: in the 100k-article benchmark
 * library about half the time of every ranking statement. So each length read is kept here, in
 * blocks of SIZE_BLOCK rowids. Ranking the newest matches of a common word reads many rows near
 * each other: once MISSES_BEFORE_LOAD of a block's rows were looked up one by one, the rest of the
 * block is read in one range statement (which costs about what a dozen single lookups do, so rows
 * ranked far apart are still looked up one by one, and kept).
 *
 * Kept only while the library is unchanged: any commit, by this connection or another, changes
 * the main database's data version (SQLITE_FCNTL_DATA_VERSION), and the next ranking statement
 * then empties the cache. Inside an open transaction the cache is not used at all: its uncommitted
 * writes change no data version.
 */
#define SIZE_BLOCK_SHIFT 8
#define SIZE_BLOCK (1 << SIZE_BLOCK_SHIFT)
#define SIZE_UNKNOWN 0xFFFFFFFFu
#define MISSES_BEFORE_LOAD 3
/* Rowids past this are looked up one by one (the blocks' index would grow too long). */
#define MAX_SIZE_BLOCK_INDEX ((sqlite3_int64)1 << 20)
/* At most this many blocks per connection (1 KiB each: 16 MiB for 4M documents). */
#define MAX_SIZE_BLOCKS 16384
#define MAX_SIZE_TABLES 8

struct SizeTable {
  char *zName;            /* the FTS5 table's name */
  int isUnusable;         /* its %_docsize could not be read, or did not agree with FTS5 */
  sqlite3_int64 nBlock;   /* entries in aBlock and aMiss */
  unsigned int **aBlock;  /* per block of rowids, or NULL: each one's length (all columns), SIZE_UNKNOWN where not known */
  unsigned char *aMiss;   /* per block: its rows looked up one by one so far, or BLOCK_READ */
};

typedef struct SizeCache {
  sqlite3 *db;
  unsigned int dataVersion;
  unsigned int generation; /* counts emptyings: a statement still running keeps no pointer into an emptied cache */
  int nBlock;             /* blocks kept, over all tables */
  int nTable;
  SizeTable aTable[MAX_SIZE_TABLES];
} SizeCache;

static void sizeTableEmpty(SizeTable *pT) {
  for (sqlite3_int64 i = 0; i < pT->nBlock; i++) sqlite3_free(pT->aBlock[i]);
  sqlite3_free(pT->aBlock);
  sqlite3_free(pT->aMiss);
  pT->aBlock = 0;
  pT->aMiss = 0;
  pT->nBlock = 0;
  pT->isUnusable = 0;
}

static void sizeCacheEmpty(SizeCache *p) {
  for (int i = 0; i < p->nTable; i++) {
    sizeTableEmpty(&p->aTable[i]);
    sqlite3_free(p->aTable[i].zName);
  }
  p->nTable = 0;
  p->nBlock = 0;
  p->generation++;
}

static void sizeCacheFree(void *pArg) {
  SizeCache *p = (SizeCache *)pArg;
  sizeCacheEmpty(p);
  sqlite3_free(p);
}

/* The kept lengths of table zName, emptied first if the database changed; NULL where none may be kept. */
static SizeTable *sizeTableFor(SizeCache *p, const char *zName) {
  if (!p || !zName || !sqlite3_get_autocommit(p->db)) return 0;
  unsigned int version = 0;
  if (sqlite3_file_control(p->db, "main", SQLITE_FCNTL_DATA_VERSION, &version) != SQLITE_OK) return 0;
  if (version != p->dataVersion) {
    sizeCacheEmpty(p);
    p->dataVersion = version;
  }
  for (int i = 0; i < p->nTable; i++) {
    if (strcmp(p->aTable[i].zName, zName) == 0) return p->aTable[i].isUnusable ? 0 : &p->aTable[i];
  }
  if (p->nTable == MAX_SIZE_TABLES) return 0;
  SizeTable *pT = &p->aTable[p->nTable];
  memset(pT, 0, sizeof(*pT));
  pT->zName = sqlite3_mprintf("%s", zName);
  if (!pT->zName) return 0;
  p->nTable++;
  return pT;
}

/* SQLite's varint (as FTS5 writes %_docsize); 0 bytes read when it runs past the end. */
static int readVarint32(const unsigned char *a, int n, unsigned int *pValue) {
  sqlite3_uint64 v = 0;
  for (int i = 0; i < 9; i++) {
    if (i >= n) return 0;
    if (i == 8) {
      v = (v << 8) | a[i];
      *pValue = (unsigned int)v;
      return 9;
    }
    v = (v << 7) | (a[i] & 0x7f);
    if (!(a[i] & 0x80)) {
      *pValue = (unsigned int)v;
      return i + 1;
    }
  }
  return 0;
}

/* A document's length over its nCol columns from its %_docsize record; SIZE_UNKNOWN if it does not read as one. */
static unsigned int decodeSize(const unsigned char *a, int n, int nCol) {
  sqlite3_uint64 total = 0;
  int off = 0;
  for (int i = 0; i < nCol; i++) {
    unsigned int v = 0;
    int len = readVarint32(a + off, n - off, &v);
    if (len == 0) return SIZE_UNKNOWN;
    off += len;
    total += v;
  }
  return off == n && total < SIZE_UNKNOWN && total <= 0x7fffffff ? (unsigned int)total : SIZE_UNKNOWN;
}

/* Reads block iBlock of pT's lengths (NULL on any failure: the caller looks the row up itself). */
static unsigned int *sizeBlockRead(SizeCache *pC, SizeTable *pT, RankData *pData, sqlite3_int64 iBlock, int nCol) {
  if (!pData->pLoader) {
    char *zSql = sqlite3_mprintf("SELECT id, sz FROM \"main\".\"%w_docsize\" WHERE id >= ?1 AND id < ?2", pT->zName);
    if (!zSql) return 0;
    int rc = sqlite3_prepare_v2(pC->db, zSql, -1, &pData->pLoader, 0);
    sqlite3_free(zSql);
    if (rc != SQLITE_OK) {
      pT->isUnusable = 1;
      return 0;
    }
  }
  unsigned int *a = (unsigned int *)sqlite3_malloc(sizeof(unsigned int) * SIZE_BLOCK);
  if (!a) return 0;
  memset(a, 0xff, sizeof(unsigned int) * SIZE_BLOCK);
  sqlite3_bind_int64(pData->pLoader, 1, iBlock << SIZE_BLOCK_SHIFT);
  sqlite3_bind_int64(pData->pLoader, 2, (iBlock + 1) << SIZE_BLOCK_SHIFT);
  while (sqlite3_step(pData->pLoader) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(pData->pLoader, 0);
    const unsigned char *blob = (const unsigned char *)sqlite3_column_blob(pData->pLoader, 1);
    a[id & (SIZE_BLOCK - 1)] = decodeSize(blob, sqlite3_column_bytes(pData->pLoader, 1), nCol);
  }
  if (sqlite3_reset(pData->pLoader) != SQLITE_OK) {
    sqlite3_free(a);
    return 0;
  }
  return a;
}

/* Makes room for block iBlock in pT's index (false when out of memory). */
static int sizeTableReach(SizeTable *pT, sqlite3_int64 iBlock) {
  if (iBlock < pT->nBlock) return 1;
  sqlite3_int64 n = pT->nBlock ? pT->nBlock : 64;
  while (n <= iBlock) n *= 2;
  unsigned int **aBlock = (unsigned int **)sqlite3_realloc64(pT->aBlock, sizeof(unsigned int *) * (sqlite3_uint64)n);
  if (!aBlock) return 0;
  pT->aBlock = aBlock;
  unsigned char *aMiss = (unsigned char *)sqlite3_realloc64(pT->aMiss, (sqlite3_uint64)n);
  if (!aMiss) return 0;
  pT->aMiss = aMiss;
  memset(&pT->aBlock[pT->nBlock], 0, sizeof(unsigned int *) * (size_t)(n - pT->nBlock));
  memset(&pT->aMiss[pT->nBlock], 0, (size_t)(n - pT->nBlock));
  pT->nBlock = n;
  return 1;
}

/* A block's miss count once it has been read whole. */
#define BLOCK_READ 255

/*
 * The current row's length over all columns: kept, else as FTS5 reads it (and then kept), or with
 * the rest of its block once the block has missed MISSES_BEFORE_LOAD times.
 */
static int documentSize(const Fts5ExtensionApi *pApi, Fts5Context *pFts, RankData *pData, int *pnTok) {
  SizeCache *pC = (SizeCache *)pApi->xUserData(pFts);
  SizeTable *pT = pData->pSizes && pData->generation == pC->generation ? pData->pSizes : 0;
  sqlite3_int64 iRowid = pApi->xRowid(pFts);
  sqlite3_int64 iBlock = iRowid >> SIZE_BLOCK_SHIFT;
  if (!pT || pT->isUnusable || iRowid < 0 || iBlock >= MAX_SIZE_BLOCK_INDEX || !sizeTableReach(pT, iBlock)) {
    return pApi->xColumnSize(pFts, -1, pnTok);
  }
  int iSlot = (int)(iRowid & (SIZE_BLOCK - 1));
  unsigned int *a = pT->aBlock[iBlock];
  if (a && a[iSlot] != SIZE_UNKNOWN) {
    *pnTok = (int)a[iSlot];
    return SQLITE_OK;
  }
  int hasRoom = a || pC->nBlock < MAX_SIZE_BLOCKS;
  if (hasRoom && pT->aMiss[iBlock] >= MISSES_BEFORE_LOAD && pT->aMiss[iBlock] != BLOCK_READ) {
    unsigned int *aRead = sizeBlockRead(pC, pT, pData, iBlock, pApi->xColumnCount(pFts));
    if (aRead) {
      /* A check that the name given is this table's: the row at hand must be in the block, as FTS5 reads it. */
      int rc = pApi->xColumnSize(pFts, -1, pnTok);
      if (rc != SQLITE_OK || *pnTok < 0 || aRead[iSlot] != (unsigned int)*pnTok) {
        sqlite3_free(aRead);
        pT->isUnusable = 1;
        return rc;
      }
      if (!a) pC->nBlock++;
      sqlite3_free(a);
      pT->aBlock[iBlock] = aRead;
      pT->aMiss[iBlock] = BLOCK_READ;
      return SQLITE_OK;
    }
  }
  int rc = pApi->xColumnSize(pFts, -1, pnTok);
  if (rc == SQLITE_OK && *pnTok >= 0 && hasRoom) {
    if (!a) {
      a = (unsigned int *)sqlite3_malloc(sizeof(unsigned int) * SIZE_BLOCK);
      if (!a) return rc;
      memset(a, 0xff, sizeof(unsigned int) * SIZE_BLOCK);
      pT->aBlock[iBlock] = a;
      pC->nBlock++;
    }
    a[iSlot] = (unsigned int)*pnTok;
    if (pT->aMiss[iBlock] < MISSES_BEFORE_LOAD) pT->aMiss[iBlock]++;
  }
  return rc;
}

static void rankDataFree(void *p) {
  RankData *pData = (RankData *)p;
  sqlite3_finalize(pData->pLoader);
  sqlite3_free(pData);
}

/* sourcebook_size_cache(): how many blocks of document lengths this connection keeps (for tests). */
static void sizeCacheBlocks(sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  (void)apVal;
  SizeCache *p = (SizeCache *)sqlite3_user_data(pCtx);
  sqlite3_result_int(pCtx, p->nBlock);
}

static int countHit(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUser) {
  (void)pApi;
  (void)pFts;
  (*(sqlite3_int64 *)pUser)++;
  return SQLITE_OK;
}

/* A phrase's count meaning: not scored. */
#define LEFT_OUT (-2)

/*
 * Fills aCount[0..nPhrase) from "n n - x n" text (-1 for "-", LEFT_OUT for "x"). False when the
 * text is not exactly nPhrase entries of digits, "-" or "x": then no entry is trusted.
 */
static int parseCounts(const char *z, int n, int nPhrase, sqlite3_int64 *aCount) {
  int i = 0;
  const char *p = z, *pEnd = z + n;
  while (p < pEnd) {
    if (*p == ' ') {
      p++;
      continue;
    }
    if (i >= nPhrase) return 0;
    if (*p == '-' || *p == 'x') {
      aCount[i++] = *p == 'x' ? LEFT_OUT : -1;
      p++;
    } else if (*p >= '0' && *p <= '9') {
      sqlite3_int64 v = 0;
      int nDigit = 0;
      for (; p < pEnd && *p >= '0' && *p <= '9'; p++) {
        if (++nDigit > 15) return 0;
        v = v * 10 + (*p - '0');
      }
      aCount[i++] = v;
    } else {
      return 0;
    }
    if (p < pEnd && *p != ' ') return 0;
  }
  return i == nPhrase;
}

/*
 * What this statement's rows share, made at its first row from the arguments: (counts, weight0,
 * weight1, ..., table name). The name, when given, is the last argument and the only text after the counts.
 */
static int rankDataGet(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int nVal, sqlite3_value **apVal, RankData **ppData) {
  RankData *pData = (RankData *)pApi->xGetAuxdata(pFts, 0);
  if (pData) {
    *ppData = pData;
    return SQLITE_OK;
  }
  sqlite3_value *pCounts = nVal > 0 ? apVal[0] : 0;
  int hasName = nVal >= 2 && sqlite3_value_type(apVal[nVal - 1]) == SQLITE_TEXT;
  int nWeight = nVal - 1 - hasName;
  int nPhrase = pApi->xPhraseCount(pFts);
  int nCol = pApi->xColumnCount(pFts);
  sqlite3_int64 nRow = 0, nToken = 0;
  int rc = pApi->xRowCount(pFts, &nRow);
  if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
  if (rc != SQLITE_OK) return rc;

  sqlite3_int64 nByte = (sqlite3_int64)sizeof(RankData) + (sqlite3_int64)sizeof(double) * (nPhrase * 2 + nCol);
  pData = (RankData *)sqlite3_malloc64((sqlite3_uint64)nByte);
  if (!pData) return SQLITE_NOMEM;
  memset(pData, 0, (size_t)nByte);
  pData->nPhrase = nPhrase;
  pData->aIdf = (double *)&pData[1];
  pData->aFreq = &pData->aIdf[nPhrase];
  pData->nCol = nCol;
  pData->aWeight = &pData->aFreq[nPhrase];
  for (int i = 0; i < nCol; i++) pData->aWeight[i] = i < nWeight ? sqlite3_value_double(apVal[i + 1]) : 1.0;
  pData->avgdl = nRow > 0 ? (double)nToken / (double)nRow : 0.0;
  SizeCache *pSizeCache = (SizeCache *)pApi->xUserData(pFts);
  pData->pSizes = sizeTableFor(pSizeCache, hasName ? (const char *)sqlite3_value_text(apVal[nVal - 1]) : 0);
  pData->generation = pSizeCache->generation;

  sqlite3_int64 *aCount = sqlite3_malloc64(sizeof(sqlite3_int64) * (nPhrase > 0 ? nPhrase : 1));
  if (!aCount) {
    sqlite3_free(pData);
    return SQLITE_NOMEM;
  }
  int isListed = pCounts && sqlite3_value_type(pCounts) == SQLITE_TEXT &&
    parseCounts((const char *)sqlite3_value_text(pCounts), sqlite3_value_bytes(pCounts), nPhrase, aCount);
  for (int i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
    sqlite3_int64 nHit = isListed ? aCount[i] : -1;
    if (nHit == LEFT_OUT) {
      pData->aIdf[i] = 0.0;
      continue;
    }
    if (nHit < 0) {
      nHit = 0;
      rc = pApi->xQueryPhrase(pFts, i, (void *)&nHit, countHit);
    }
    /* A supplied count may lag behind deleted documents; more hits than rows would make a NaN. */
    if (nHit > nRow) nHit = nRow;
    /* As FTS5's bm25: a word in more than half the documents would weigh less than nothing. */
    double idf = log((nRow - nHit + 0.5) / (nHit + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    pData->aIdf[i] = idf;
  }
  sqlite3_free(aCount);
  if (rc != SQLITE_OK) {
    sqlite3_free(pData);
    return rc;
  }
  /* On failure xSetAuxdata frees pData itself. */
  rc = pApi->xSetAuxdata(pFts, pData, rankDataFree);
  if (rc != SQLITE_OK) return rc;
  *ppData = pData;
  return SQLITE_OK;
}

static void sourcebookBm25(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  RankData *pData = 0;
  int rc = rankDataGet(pApi, pFts, nVal, apVal, &pData);
  /* Each scored phrase's matches, weighted by column. Phrase by phrase (xPhraseFirst), not through
     xInst, which first merges every phrase's matches into one list in document order: the same
     sums in the same order, and a quarter less time spent scoring a word found many times in each
     article ("the" in 5,100 articles: 12.3 → 8.9 ms). */
  for (int ip = 0; rc == SQLITE_OK && ip < pData->nPhrase; ip++) {
    double freq = 0.0;
    if (pData->aIdf[ip] != 0.0) {
      Fts5PhraseIter iter;
      int iCol = 0, iOff = 0;
      rc = pApi->xPhraseFirst(pFts, ip, &iter, &iCol, &iOff);
      for (; rc == SQLITE_OK && iCol >= 0; pApi->xPhraseNext(pFts, &iter, &iCol, &iOff)) freq += pData->aWeight[iCol < pData->nCol ? iCol : pData->nCol - 1];
    }
    pData->aFreq[ip] = freq;
  }
  int nTok = 0;
  if (rc == SQLITE_OK) rc = documentSize(pApi, pFts, pData, &nTok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(pCtx, rc);
    return;
  }
  double D = (double)nTok;
  double score = 0.0;
  for (int i = 0; i < pData->nPhrase; i++) {
    score += pData->aIdf[i] * ((pData->aFreq[i] * (K1 + 1.0)) / (pData->aFreq[i] + K1 * (1 - B + B * D / pData->avgdl)));
  }
  sqlite3_result_double(pCtx, -1.0 * score);
}

/*
 * Rowid sets as bitmaps, for search filters (main/services/search/filter-bitmaps.ts): a filter's
 * rows are read once from their index into a bitmap (in C, a few hundredths of a microsecond per
 * row, where handing each rowid to JavaScript costs a tenth), and a word search checks each match
 * against it in the same statement, so no rowid crosses into JavaScript at all.
 *
 *   sourcebook_rowids(rowid)  aggregate: a BLOB with bit r (byte r/8, bit r%8) set for every
 *                             integer r given; a zero-length BLOB for no rows. A rowid below 0 or
 *                             above MAX_BITMAP_ROWID is an error (the caller then filters another way).
 *   sourcebook_has(bits, r)   1 when bit r of the BLOB `bits` is set, else 0 (also for NULL, a
 *                             rowid past the end, or a negative one).
 */
#define MAX_BITMAP_ROWID ((sqlite3_int64)1 << 28) /* a 32 MB bitmap */

typedef struct Bitmap {
  unsigned char *a;
  sqlite3_int64 n; /* bytes allocated (all zeroed, then set) */
} Bitmap;

static void rowidsStep(sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  Bitmap *p = (Bitmap *)sqlite3_aggregate_context(pCtx, sizeof(Bitmap));
  if (!p) {
    sqlite3_result_error_nomem(pCtx);
    return;
  }
  if (sqlite3_value_type(apVal[0]) != SQLITE_INTEGER) return;
  sqlite3_int64 r = sqlite3_value_int64(apVal[0]);
  if (r < 0 || r > MAX_BITMAP_ROWID) {
    sqlite3_result_error(pCtx, "sourcebook_rowids: rowid out of the bitmap's range", -1);
    return;
  }
  sqlite3_int64 byte = r >> 3;
  if (byte >= p->n) {
    sqlite3_int64 n = p->n ? p->n : 4096;
    while (n <= byte) n *= 2;
    unsigned char *a = (unsigned char *)sqlite3_realloc64(p->a, (sqlite3_uint64)n);
    if (!a) {
      sqlite3_result_error_nomem(pCtx);
      return;
    }
    memset(a + p->n, 0, (size_t)(n - p->n));
    p->a = a;
    p->n = n;
  }
  p->a[byte] |= (unsigned char)(1u << (r & 7));
}

static void rowidsFinal(sqlite3_context *pCtx) {
  Bitmap *p = (Bitmap *)sqlite3_aggregate_context(pCtx, 0);
  if (!p || !p->a) {
    sqlite3_result_zeroblob(pCtx, 0);
    return;
  }
  /* SQLite takes the buffer and frees it with sqlite3_free. */
  sqlite3_result_blob64(pCtx, p->a, (sqlite3_uint64)p->n, sqlite3_free);
  p->a = 0;
}

static void hasRowid(sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  const unsigned char *a = (const unsigned char *)sqlite3_value_blob(apVal[0]);
  sqlite3_int64 n = sqlite3_value_bytes(apVal[0]);
  sqlite3_int64 r = sqlite3_value_int64(apVal[1]);
  int isSet = a && r >= 0 && (r >> 3) < n && ((a[r >> 3] >> (r & 7)) & 1);
  sqlite3_result_int(pCtx, isSet);
}

/*
 * sourcebook_snippet(fts_table, column, open, close, ellipsis, tokens): FTS5's snippet() for one
 * column, cut from the part of the document it shows.
 *
 * snippet() tokenizes the whole column twice (to find sentence starts, then to copy its window):
 * for an 800-word article about 0.1 ms, a fifth of a search's time for a page of twenty. This one
 * scores windows as snippet() does, from the match positions alone (xInst), and tokenizes the
 * column once, only as far as the best-scored match's window can reach:
 * - a window scores 1000 per different phrase in it and 1 per repeat; one centred on a match's
 *   phrases, or one starting at the sentence before the match (+100; +120 at the column's start);
 * - snippet() weighs every match's windows; this one the centred windows of every match, and the
 *   sentence windows of the matches up to the best centred one (those it has tokenized);
 * - the result has snippet()'s form: the window's text from its first token to its last (from the
 *   text's start, to its end, where it starts or ends the column), each (coalesced) match between `open` and `close`,
 *   `ellipsis` before it when the window does not start the column and after it when it does not
 *   end it. No match in the column: its first tokens. main/db/rank-extension.test.ts compares it
 *   with snippet().
 */
typedef struct SnipCtx {
  int iStop;          /* the last token needed */
  int nPos;           /* tokens seen */
  int *aStart, *aEnd; /* per token: its byte range */
  unsigned char *aSentence; /* per token: it starts a sentence */
  const char *zText;
} SnipCtx;

static int snipTokenCb(void *pCtx, int tflags, const char *pToken, int nToken, int iStartOff, int iEndOff) {
  (void)pToken;
  (void)nToken;
  SnipCtx *p = (SnipCtx *)pCtx;
  if (tflags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
  int iPos = p->nPos++;
  p->aStart[iPos] = iStartOff;
  p->aEnd[iPos] = iEndOff;
  /* As snippet(): a sentence starts after '.' or ':' and white space. */
  int i = iStartOff - 1;
  while (i >= 0 && (p->zText[i] == ' ' || p->zText[i] == '\t' || p->zText[i] == '\n' || p->zText[i] == '\r')) i--;
  p->aSentence[iPos] = iPos == 0 || (i != iStartOff - 1 && i >= 0 && (p->zText[i] == '.' || p->zText[i] == ':'));
  /* Past the last token needed: stop the tokenizer. */
  return iPos >= p->iStop ? SQLITE_DONE : SQLITE_OK;
}

/* The score of the window of nToken tokens from iFrom: 1000 per different phrase, 1 per repeat. */
static int snipScore(const int *aOff, const int *aPhrase, int nMatch, unsigned char *aSeen, int nPhrase, int iFrom, int nToken) {
  memset(aSeen, 0, (size_t)nPhrase + 1);
  int nScore = 0;
  for (int j = 0; j < nMatch; j++) {
    if (aOff[j] < iFrom || aOff[j] >= iFrom + nToken) continue;
    nScore += aSeen[aPhrase[j]] ? 1 : 1000;
    aSeen[aPhrase[j]] = 1;
  }
  return nScore;
}

static void sourcebookSnippet(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  if (nVal != 5) {
    sqlite3_result_error(pCtx, "sourcebook_snippet: wrong number of arguments", -1);
    return;
  }
  int iCol = sqlite3_value_int(apVal[0]);
  const char *zOpen = (const char *)sqlite3_value_text(apVal[1]);
  const char *zClose = (const char *)sqlite3_value_text(apVal[2]);
  const char *zEllips = (const char *)sqlite3_value_text(apVal[3]);
  int nToken = sqlite3_value_int(apVal[4]);
  if (iCol < 0 || iCol >= pApi->xColumnCount(pFts) || nToken < 1 || nToken > 1000 || !zOpen || !zClose || !zEllips) {
    sqlite3_result_error(pCtx, "sourcebook_snippet: bad column or token count", -1);
    return;
  }
  int nColSize = 0, nInst = 0, nPhrase = pApi->xPhraseCount(pFts);
  int rc = pApi->xColumnSize(pFts, iCol, &nColSize);
  if (rc == SQLITE_OK) rc = pApi->xInstCount(pFts, &nInst);
  /* This column's matches in document order (xInst's): first token, phrase, last token. */
  int *aOff = 0, *aPhrase = 0, *aLast = 0, nMatch = 0;
  unsigned char *aSeen = (unsigned char *)sqlite3_malloc64((sqlite3_uint64)nPhrase + 1);
  if (!aSeen) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK && nInst > 0) {
    aOff = (int *)sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)nInst * 3);
    if (!aOff) rc = SQLITE_NOMEM;
    else {
      aPhrase = aOff + nInst;
      aLast = aPhrase + nInst;
    }
  }
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip = 0, ic = 0, io = 0;
    rc = pApi->xInst(pFts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK && ic == iCol) {
      int nSize = pApi->xPhraseSize(pFts, ip);
      aOff[nMatch] = io;
      aPhrase[nMatch] = ip;
      aLast[nMatch] = io + (nSize > 0 ? nSize : 1) - 1;
      nMatch++;
    }
  }
  /* Each match's centred window; the best (the first of equals) decides how far to tokenize. */
  int iStart = 0, nBest = -1, kBest = -1;
  int *aCentred = nMatch > 0 ? (int *)sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)nMatch * 2) : 0;
  if (nMatch > 0 && !aCentred) rc = SQLITE_NOMEM;
  for (int k = 0; rc == SQLITE_OK && k < nMatch; k++) {
    int iLast = aLast[k] + 1;
    for (int j = k + 1; j < nMatch && aOff[j] < aOff[k] + nToken; j++) if (aLast[j] + 1 > iLast) iLast = aLast[j] + 1;
    int iAdj = aOff[k] - (nToken - (iLast - aOff[k])) / 2;
    if (iAdj + nToken > nColSize) iAdj = nColSize - nToken;
    if (iAdj < 0) iAdj = 0;
    aCentred[2 * k] = iAdj;
    aCentred[2 * k + 1] = snipScore(aOff, aPhrase, nMatch, aSeen, nPhrase, aOff[k], nToken);
    if (aCentred[2 * k + 1] > nBest) {
      nBest = aCentred[2 * k + 1];
      kBest = k;
    }
  }
  SnipCtx ctx;
  memset(&ctx, 0, sizeof(ctx));
  ctx.iStop = (kBest >= 0 ? aOff[kBest] : 0) + nToken - 1;
  const char *zText = 0;
  int nText = 0;
  if (rc == SQLITE_OK) rc = pApi->xColumnText(pFts, iCol, &zText, &nText);
  if (rc == SQLITE_OK) {
    sqlite3_uint64 nSlot = (sqlite3_uint64)ctx.iStop + 1;
    ctx.aStart = (int *)sqlite3_malloc64(sizeof(int) * nSlot * 2 + nSlot);
    if (!ctx.aStart) rc = SQLITE_NOMEM;
    else {
      ctx.aEnd = ctx.aStart + nSlot;
      ctx.aSentence = (unsigned char *)(ctx.aEnd + nSlot);
      ctx.zText = zText;
      if (zText && nText > 0) rc = pApi->xTokenize(pFts, zText, nText, (void *)&ctx, snipTokenCb);
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
  }
  /* In match order, as snippet() weighs them: each match's centred window, then its sentence's. */
  nBest = -1;
  for (int k = 0; rc == SQLITE_OK && k <= kBest; k++) {
    if (aCentred[2 * k + 1] > nBest) {
      nBest = aCentred[2 * k + 1];
      iStart = aCentred[2 * k];
    }
    if (nColSize <= nToken) continue;
    int s = aOff[k] < ctx.nPos ? aOff[k] - 1 : -1;
    while (s >= 0 && !ctx.aSentence[s]) s--;
    if (s < 0) continue;
    int nScore = snipScore(aOff, aPhrase, nMatch, aSeen, nPhrase, s, nToken) + (s == 0 ? 120 : 100);
    if (nScore > nBest) {
      nBest = nScore;
      iStart = s;
    }
  }
  if (rc == SQLITE_OK) {
    int iEnd = iStart + nToken - 1;
    if (iEnd > ctx.nPos - 1) iEnd = ctx.nPos - 1;
    sqlite3_str *pOut = sqlite3_str_new(0);
    if (iStart > 0) sqlite3_str_appendall(pOut, zEllips);
    /* The window's text, a marker around each match in it (overlapping ones merged, cut to the
       window); as snippet(), from the text's start when it starts the column, and to its end
       when it ends the column. */
    int iOut = iStart == 0 || iEnd < iStart ? 0 : ctx.aStart[iStart], j = 0;
    while (j < nMatch && aLast[j] < iStart) j++;
    while (j < nMatch && aOff[j] <= iEnd) {
      int a = aOff[j] < iStart ? iStart : aOff[j];
      int b = aLast[j];
      for (j++; j < nMatch && aOff[j] <= b; j++) if (aLast[j] > b) b = aLast[j];
      if (b > iEnd) b = iEnd;
      sqlite3_str_append(pOut, zText + iOut, ctx.aStart[a] - iOut);
      sqlite3_str_appendall(pOut, zOpen);
      sqlite3_str_append(pOut, zText + ctx.aStart[a], ctx.aEnd[b] - ctx.aStart[a]);
      sqlite3_str_appendall(pOut, zClose);
      iOut = ctx.aEnd[b];
    }
    int iTo = iStart + nToken >= nColSize ? nText : ctx.aEnd[iEnd];
    if (iTo > iOut) sqlite3_str_append(pOut, zText + iOut, iTo - iOut);
    if (iStart + nToken < nColSize) sqlite3_str_appendall(pOut, zEllips);
    rc = sqlite3_str_errcode(pOut);
    int nOut = sqlite3_str_length(pOut);
    char *zOut = sqlite3_str_finish(pOut);
    /* An empty string finishes as NULL: the column has no tokens, and the snippet is empty. */
    if (rc == SQLITE_OK && nOut == 0) sqlite3_result_text(pCtx, "", 0, SQLITE_STATIC);
    else if (rc == SQLITE_OK && zOut) sqlite3_result_text(pCtx, zOut, nOut, sqlite3_free), zOut = 0;
    else if (rc == SQLITE_OK) rc = SQLITE_NOMEM;
    sqlite3_free(zOut);
  }
  sqlite3_free(ctx.aStart);
  sqlite3_free(aCentred);
  sqlite3_free(aOff);
  sqlite3_free(aSeen);
  if (rc != SQLITE_OK) sqlite3_result_error_code(pCtx, rc);
}

/*
 * sourcebook_pairs(text): each two adjacent words of `text`, as the word indexes tokenize it
 * (porter over unicode61, diacritics removed: migration 0020's TOKENIZE), written "first_second"
 * and separated by spaces. "The carbon taxes" gives "the_carbon carbon_tax".
 *
 * The pair indexes (migration 0150) hold these, so that a phrase of two words is one term there:
 * found in FTS5 by walking its own short doclist, not by comparing the positions of its words in
 * every document that holds both (12 ms for a rare phrase of two common words at 100k articles).
 * An underscore is never part of a word here (unicode61 separates at it), so a pair reads back as
 * one token only where the pair index makes "_" a token character.
 */
typedef struct PairTokenizer {
  fts5_tokenizer api;
  Fts5Tokenizer *pTok;
} PairTokenizer;

typedef struct PairCtx {
  sqlite3_str *pOut;
  int isWords; /* sourcebook_words: each word, not each pair */
  char *zPrev; /* the previous word (owned), or NULL before the first */
  int nPrev;
  int nWritten; /* words or pairs written so far */
} PairCtx;

static int pairTokenCb(void *pCtx, int tflags, const char *pToken, int nToken, int iStart, int iEnd) {
  (void)iStart;
  (void)iEnd;
  PairCtx *p = (PairCtx *)pCtx;
  if (tflags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
  if (p->isWords) {
    if (p->nWritten++ > 0) sqlite3_str_appendchar(p->pOut, 1, ' ');
    sqlite3_str_append(p->pOut, pToken, nToken);
    return sqlite3_str_errcode(p->pOut);
  }
  if (p->zPrev) {
    if (p->nWritten++ > 0) sqlite3_str_appendchar(p->pOut, 1, ' ');
    sqlite3_str_append(p->pOut, p->zPrev, p->nPrev);
    sqlite3_str_appendchar(p->pOut, 1, '_');
    sqlite3_str_append(p->pOut, pToken, nToken);
  }
  char *zCopy = (char *)sqlite3_realloc64(p->zPrev, (sqlite3_uint64)nToken + 1);
  if (!zCopy) return SQLITE_NOMEM;
  memcpy(zCopy, pToken, (size_t)nToken);
  p->zPrev = zCopy;
  p->nPrev = nToken;
  return sqlite3_str_errcode(p->pOut);
}

static void tokenizeAs(sqlite3_context *pCtx, sqlite3_value **apVal, int isWords) {
  PairTokenizer *pPair = (PairTokenizer *)sqlite3_user_data(pCtx);
  const char *zText = (const char *)sqlite3_value_text(apVal[0]);
  int nText = sqlite3_value_bytes(apVal[0]);
  if (!zText || nText == 0) {
    sqlite3_result_text(pCtx, "", 0, SQLITE_STATIC);
    return;
  }
  PairCtx ctx = {sqlite3_str_new(0), isWords, 0, 0, 0};
  int rc = pPair->api.xTokenize(pPair->pTok, (void *)&ctx, FTS5_TOKENIZE_DOCUMENT, zText, nText, pairTokenCb);
  sqlite3_free(ctx.zPrev);
  if (rc == SQLITE_OK) rc = sqlite3_str_errcode(ctx.pOut);
  int nOut = sqlite3_str_length(ctx.pOut);
  char *zOut = sqlite3_str_finish(ctx.pOut);
  if (rc != SQLITE_OK) sqlite3_result_error_code(pCtx, rc);
  else if (nOut == 0) sqlite3_result_text(pCtx, "", 0, SQLITE_STATIC);
  else {
    sqlite3_result_text(pCtx, zOut, nOut, sqlite3_free);
    zOut = 0;
  }
  sqlite3_free(zOut);
}

static void sourcebookPairs(sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  tokenizeAs(pCtx, apVal, 0);
}

/* sourcebook_words(text): the words of `text` as the word indexes hold them, separated by spaces. */
static void sourcebookWords(sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  tokenizeAs(pCtx, apVal, 1);
}

static void pairTokenizerFree(void *p) {
  PairTokenizer *pPair = (PairTokenizer *)p;
  if (pPair->pTok) pPair->api.xDelete(pPair->pTok);
  sqlite3_free(pPair);
}

/* The word indexes' tokenizer, made once per connection for sourcebook_pairs and sourcebook_words. */
static int createPairFunction(sqlite3 *db, fts5_api *fts5) {
  PairTokenizer *pPair = (PairTokenizer *)sqlite3_malloc(sizeof(PairTokenizer));
  if (!pPair) return SQLITE_NOMEM;
  memset(pPair, 0, sizeof(*pPair));
  void *pUser = 0;
  const char *azArg[] = {"unicode61", "remove_diacritics", "2"};
  int rc = fts5->xFindTokenizer(fts5, "porter", &pUser, &pPair->api);
  if (rc == SQLITE_OK) rc = pPair->api.xCreate(pUser, azArg, 3, &pPair->pTok);
  if (rc != SQLITE_OK) {
    pairTokenizerFree(pPair);
    return rc;
  }
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  /* sourcebook_pairs owns the tokenizer: SQLite frees it with the function (the connection
     closing), or at once if registering fails. sourcebook_words is registered only after it. */
  rc = sqlite3_create_function_v2(db, "sourcebook_pairs", 1, flags, pPair, sourcebookPairs, 0, 0, pairTokenizerFree);
  if (rc == SQLITE_OK) rc = sqlite3_create_function_v2(db, "sourcebook_words", 1, flags, pPair, sourcebookWords, 0, 0, 0);
  return rc;
}

static fts5_api *fts5ApiOf(sqlite3 *db) {
  fts5_api *pRet = 0;
  sqlite3_stmt *pStmt = 0;
  if (sqlite3_prepare(db, "SELECT fts5(?1)", -1, &pStmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(pStmt, 1, (void *)&pRet, "fts5_api_ptr", 0);
    sqlite3_step(pStmt);
  }
  sqlite3_finalize(pStmt);
  return pRet;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_sourcebookrank_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  fts5_api *fts5 = fts5ApiOf(db);
  if (!fts5 || fts5->iVersion < 2) {
    *pzErrMsg = sqlite3_mprintf("sourcebook_bm25 needs FTS5");
    return SQLITE_ERROR;
  }
  SizeCache *pSizes = (SizeCache *)sqlite3_malloc(sizeof(SizeCache));
  if (!pSizes) return SQLITE_NOMEM;
  memset(pSizes, 0, sizeof(*pSizes));
  pSizes->db = db;
  /* Once registered, FTS5 frees the cache with the function (the connection closing); if
     registering fails, FTS5 keeps nothing of it. */
  int rc = fts5->xCreateFunction(fts5, "sourcebook_bm25", pSizes, sourcebookBm25, sizeCacheFree);
  if (rc != SQLITE_OK) {
    sqlite3_free(pSizes);
    return rc;
  }
  rc = sqlite3_create_function(db, "sourcebook_size_cache", 0, SQLITE_UTF8, pSizes, sizeCacheBlocks, 0, 0);
  if (rc == SQLITE_OK) rc = fts5->xCreateFunction(fts5, "sourcebook_snippet", 0, sourcebookSnippet, 0);
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sourcebook_rowids", 1, flags, 0, 0, rowidsStep, rowidsFinal);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sourcebook_has", 2, flags, 0, hasRowid, 0, 0);
  if (rc == SQLITE_OK) rc = createPairFunction(db, fts5);
  return rc;
}
