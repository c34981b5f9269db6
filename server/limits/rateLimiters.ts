import type * as flexible from 'rate-limiter-flexible'
import memory from 'rate-limiter-flexible/lib/RateLimiterMemory.js'
import redis from 'rate-limiter-flexible/lib/RateLimiterRedis.js'
import res from 'rate-limiter-flexible/lib/RateLimiterRes.js'

/*
 * The three classes of rate-limiter-flexible this server uses, each from its own file, typed as the
 * package types them. Its index requires every store it supports (cluster, Mongo, MySQL, Dynamo,
 * Etcd, Prisma …): 170 KB of the server's bundle, and ~35 ms of CPU, parsed and run at every start,
 * which a restart's reconnecting clients wait for (bench (f)).
 */
export const RateLimiterMemory = memory as typeof flexible.RateLimiterMemory
export const RateLimiterRedis = redis as typeof flexible.RateLimiterRedis
export const RateLimiterRes = res as typeof flexible.RateLimiterRes
export type RateLimiterMemory = flexible.RateLimiterMemory
export type RateLimiterRes = flexible.RateLimiterRes
export type RateLimiterAbstract = flexible.RateLimiterAbstract
