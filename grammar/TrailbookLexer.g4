// Tokens of the trailbook runbook language (.tb files).
// The C++ lexer is generated into the build tree at build time; it is never committed.
lexer grammar TrailbookLexer;

// ---- Declarations ---------------------------------------------------------------------------
IMPORT    : 'import';
PARAM     : 'param';
LIST      : 'list';
PREDICATE : 'predicate';
RUNBOOK   : 'runbook';
QUERY     : 'query';
TEST      : 'test';

// ---- Query clauses --------------------------------------------------------------------------
WHERE   : 'where';
SELECT  : 'select';
AS      : 'as';
GROUP   : 'group';
BY      : 'by';
HAVING  : 'having';
ORDER   : 'order';
ASC     : 'asc';
DESC    : 'desc';
LIMIT   : 'limit';

// ---- Embedded tests -------------------------------------------------------------------------
RECORD  : 'record';
EXPECT  : 'expect';
MATCH   : 'match';
NO      : 'no';
ROWS    : 'rows';

// ---- Logic, membership and tests on values --------------------------------------------------
AND         : 'and';
OR          : 'or';
NOT         : 'not';
IN          : 'in';
IS          : 'is';
EXISTS      : 'exists';
MISSING     : 'missing';
CONTAINS    : 'contains';
ICONTAINS   : 'icontains';
STARTSWITH  : 'startswith';
ISTARTSWITH : 'istartswith';
ENDSWITH    : 'endswith';
IENDSWITH   : 'iendswith';
MATCHES     : 'matches';

// ---- Literals -------------------------------------------------------------------------------
K_TRUE  : 'true';
K_FALSE : 'false';
K_NULL  : 'null';

// An RFC 3339 date-time written bare: 2026-11-01T00:00:00Z. The checker validates the date.
TIMESTAMP : D4 '-' D2 '-' D2 [Tt] D2 ':' D2 ':' D2 ('.' DIGITS)? ([Zz] | [+-] D2 ':' D2);
// A duration: 30s, 15m, 24h, 7d, 2w, or a sum such as 1d12h.
DURATION  : (DIGITS [wdhms])+;
// Numbers are unsigned here; a leading '-' is the MINUS token, so `now() - 1h` lexes.
FLOAT   : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT;
INT     : DIGITS;
// Strings use JSON escapes: \" \\ \/ \b \f \n \r \t \uXXXX.
STRING  : '"' (ESCAPE | ~["\\\r\n])* '"';
// A string that its line ends in is one token, reported as unterminated, rather than a stray
// quote followed by whatever the rest of the line lexes as. A closed string is longer, so wins.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* '\\'?;
// A triple-quoted string is raw text over several lines (descriptions); its common
// indentation is removed.
LONG_STRING : '"""' .*? '"""';
// One that is never closed runs to the end of the file (it holds no three quotes in a row).
UNTERMINATED_LONG_STRING : '"""' (~'"' | '"' ~'"' | '""' ~'"')* '"'? '"'? EOF;

// ---- Punctuation and operators --------------------------------------------------------------
LBRACE  : '{';
RBRACE  : '}';
LPAREN  : '(';
RPAREN  : ')';
LBRACK  : '[';
RBRACK  : ']';
COMMA   : ',';
DOT     : '.';
COLON   : ':';
ARROW   : '=>';
EQ      : '==';
NE      : '!=';
LE      : '<=';
GE      : '>=';
LT      : '<';
GT      : '>';
ASSIGN  : '=';
PLUS    : '+';
MINUS   : '-';

// ---- Names ----------------------------------------------------------------------------------
IDENT        : [a-zA-Z_] [a-zA-Z0-9_]*;
// A backquoted key is one path step even when it holds '.', ':' or '-': requestParameters.`s3:x-amz-acl`.
QUOTED_IDENT : '`' ~[`\r\n]+ '`';

// ---- Trivia ---------------------------------------------------------------------------------
// Comments go to a hidden channel (not skipped) so that the formatter can keep them.
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN);
WS      : [ \t\r\n]+ -> skip;

// Any other character becomes a token of its own so that the parser reports it with a span
// instead of the lexer silently dropping it.
UNEXPECTED_CHAR : .;

fragment D2       : [0-9] [0-9];
fragment D4       : D2 D2;
fragment DIGITS   : [0-9]+;
fragment EXPONENT : [eE] [+-]? DIGITS;
// Any escape lexes; the syntax stage reports a bad one precisely (TB1004) instead of a stray quote.
fragment ESCAPE   : '\\' ~[\r\n];
