// Tokens of the trailbook runbook language (.tb files).
// The C++ lexer is generated into the build tree at build time; it is never committed.
lexer grammar TrailbookLexer;

// ---- Declarations ---------------------------------------------------------------------------
RUNBOOK : 'runbook';
QUERY   : 'query';

// ---- Query clauses --------------------------------------------------------------------------
WHERE   : 'where';
SELECT  : 'select';
AS      : 'as';

// ---- Logic and membership -------------------------------------------------------------------
AND     : 'and';
OR      : 'or';
NOT     : 'not';
IN      : 'in';

// ---- Literals -------------------------------------------------------------------------------
K_TRUE  : 'true';
K_FALSE : 'false';
K_NULL  : 'null';

// Numbers are unsigned here; a leading '-' is the MINUS token, so `now() - 1h` can lex later.
FLOAT   : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT;
INT     : DIGITS;
// Strings use JSON escapes: \" \\ \/ \b \f \n \r \t \uXXXX.
STRING  : '"' (ESCAPE | ~["\\\r\n])* '"';

// ---- Punctuation and operators --------------------------------------------------------------
LBRACE  : '{';
RBRACE  : '}';
LPAREN  : '(';
RPAREN  : ')';
LBRACK  : '[';
RBRACK  : ']';
COMMA   : ',';
DOT     : '.';
EQ      : '==';
NE      : '!=';
LE      : '<=';
GE      : '>=';
LT      : '<';
GT      : '>';
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

fragment DIGITS   : [0-9]+;
fragment EXPONENT : [eE] [+-]? DIGITS;
// Any escape lexes; the syntax stage reports a bad one precisely (TB1004) instead of a stray quote.
fragment ESCAPE   : '\\' ~[\r\n];
