import LicitServerCore
import LicitStoragePostgres
import LicitWire
import Logging

/// Each authority's write pace, kept in the database every daemon shares: an authority writing
/// through several daemons at once gets one pace, not one per daemon. Each turn is one statement
/// on a row of that authority (authorities do not wait on each other), timed by the database's
/// clock. While the database cannot be asked, this daemon paces alone: a write is never refused
/// because its pace could not be read (it would fail on the unavailable store anyway).
package struct SharedWritePacer: WritePacing {
    package let backend: PostgresBackend
    package let local: AuthorityPacer
    package let logger: Logger

    package var maxWait: Duration { self.local.maxWait }

    package func reserve(_ authority: String) async -> Result<Duration, LicitStatus> {
        do {
            let turn = try await self.backend.reserveWrite(
                authority: authority,
                interval: self.local.interval,
                tolerance: self.local.tolerance,
                maxWait: self.local.maxWait
            )
            return turn.granted
                ? .success(turn.wait) : .failure(AuthorityPacer.refusal(authority, retryAfter: turn.wait))
        } catch {
            self.logger.debug("the shared write pace was not read; pacing here", metadata: ["error": "\(error)"])
            return await self.local.reserve(authority)
        }
    }
}
