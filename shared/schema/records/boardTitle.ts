/**
 * A board title's length limit, apart from board.ts so a record that copies a title (a kept vote,
 * session.ts) bounds it without pulling the board's validator and migrations into the phone.
 */
export const BOARD_TITLE_MAX = 80
